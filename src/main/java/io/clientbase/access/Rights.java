package io.clientbase.access;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user's rights matrix (DESIGN.md §1, access rights). */
@Schema(name = "Rights")
public record Rights(
        AreaRights clients,
        AreaRights activities,
        AreaRights deals,
        AreaRights documents,
        @Schema(description = "May manage sections and fields (ADMINISTRATION only; ADMIN always may, EMPLOYEE never)")
        Boolean settings) {

    @Schema(name = "AreaRights")
    public record AreaRights(Boolean view, Boolean create, Boolean edit, Boolean delete) {
        public static final AreaRights ALL = new AreaRights(true, true, true, true);
    }

    public static Rights allFor(UserType type) {
        return new Rights(AreaRights.ALL, AreaRights.ALL, AreaRights.ALL, AreaRights.ALL,
                type != UserType.EMPLOYEE);
    }
}
