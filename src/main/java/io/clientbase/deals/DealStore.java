package io.clientbase.deals;

import io.clientbase.clients.ChildRecordStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The SQL of the deals table: its rows by id and its list filters. */
@ApplicationScoped
public class DealStore extends ChildRecordStore<Deal> {

    public DealStore() {
        super(Deal.class, "deals", record -> record.id, io.clientbase.history.RecordType.DEAL, DealView::of);
    }

    /** What a list of deals may be narrowed by, already typed. */
    public record Filter(Long clientId, Long ownerId, Deal.Stage stage, BigDecimal amountFrom, BigDecimal amountTo,
                         LocalDate closeFrom, LocalDate closeTo, Integer limit, String cursor) {
    }

    Conditions conditions(Filter f) {
        Conditions c = conditions(f.clientId(), f.ownerId(), f.limit(), f.cursor());
        where(c, "t.stage = ?", f.stage() == null ? null : f.stage().name());
        where(c, "t.amount >= ?", f.amountFrom());
        where(c, "t.amount <= ?", f.amountTo());
        where(c, "t.close_date >= ?", f.closeFrom());
        return where(c, "t.close_date <= ?", f.closeTo());
    }

}
