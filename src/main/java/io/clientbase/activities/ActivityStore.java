package io.clientbase.activities;

import io.clientbase.clients.ChildRecordStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The SQL of the activities table: its rows by id and its list filters. */
@ApplicationScoped
public class ActivityStore extends ChildRecordStore<Activity> {

    public ActivityStore() {
        super(Activity.class, "activities", record -> record.id, io.clientbase.history.RecordType.ACTIVITY, ActivityView::of);
    }

    /** What a list of activities may be narrowed by, already typed. */
    public record Filter(Long clientId, Long ownerId, Activity.Type type, Boolean done, Instant dueFrom, Instant dueTo,
                         Integer limit, String cursor) {
    }

    Conditions conditions(Filter f) {
        Conditions c = conditions(f.clientId(), f.ownerId(), f.limit(), f.cursor());
        where(c, "t.type = ?", f.type() == null ? null : f.type().name());
        where(c, "t.done = ?", f.done());
        where(c, "t.due_at >= ?", f.dueFrom());
        return where(c, "t.due_at <= ?", f.dueTo());
    }

}
