package io.clientbase.users;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Group")
public record GroupView(
        @Schema(example = "2", readOnly = true) Long id,
        @NotBlank @Size(max = 200) @Schema(example = "Sales", required = true) String name,
        @Schema(example = "[7, 8]", readOnly = true, description = "Users in the group (set on each user as groupIds)", maxItems = io.clientbase.platform.Limits.USERS) List<Long> memberIds) {
}
