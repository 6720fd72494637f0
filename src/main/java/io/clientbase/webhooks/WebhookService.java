package io.clientbase.webhooks;

import io.clientbase.platform.RetryOnConflict;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.access.UserType;
import io.clientbase.platform.Cursors;
import io.clientbase.platform.Limits;
import io.clientbase.platform.Page;
import io.clientbase.platform.Versions;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Webhook endpoints: managed by an ADMIN, or an ADMINISTRATION user with the settings right, who
 * owns the ones he creates and sees only those (an ADMIN sees all); another's is a 404. A webhook
 * delivers what its owner may see when a message is due (WebhookDispatcher).
 */
@ApplicationScoped
@RetryOnConflict
public class WebhookService {

    @Inject
    CurrentCaller current;

    @Inject
    RightsEvaluator rights;

    @Inject
    WebhookStore store;

    @Inject
    AddressGuard guard;

    @Inject
    WebhooksConfig config;

    public List<WebhookView> list() {
        Caller caller = manager();
        List<Webhook> webhooks = caller.isAdmin() ? store.all() : store.ownedBy(caller.id());
        return webhooks.stream().map(w -> WebhookView.of(w, null)).toList();
    }

    public WebhookView get(long id) {
        return WebhookView.of(find(manager(), id, false), null);
    }

    @Transactional
    public WebhookView create(WebhookRequest request) {
        Caller caller = manager();
        Limits.requireRoom(store.count(), Limits.WEBHOOKS, "webhooks");
        if (request.url() == null || request.url().isBlank()) {
            throw ApiException.invalid("url", "is required");
        }
        List<String> events = validEvents(caller, request.events(), true);
        requireCallable(request.url());
        String secret = Signatures.newSecret();
        long id = store.insert(caller.id(), request.url().strip(), events, request.description(),
                request.active() == null || request.active(), secret);
        return WebhookView.of(store.byId(id, false), secret);
    }

    @Transactional
    public WebhookView patch(long id, WebhookRequest request, String ifMatch) {
        Caller caller = manager();
        Webhook w = find(caller, id, true);
        Versions.checkIfMatch(ifMatch, w.version());
        String url = w.url();
        if (request.url() != null) {
            requireCallable(request.url());
            url = request.url().strip();
        }
        List<String> events = request.events() != null ? validEvents(caller, request.events(), true) : w.events();
        String description = request.description() != null ? request.description() : w.description();
        boolean active = request.active() != null ? request.active() : w.active();
        boolean reactivated = active && !w.active();
        Webhook changed = new Webhook(w.id(), w.ownerId(), url, events, description, active,
                active ? null : w.disabledReason(), w.secret(), w.previousSecret(), w.previousExpiresAt(),
                reactivated ? null : w.failingSince(), w.createdAt(), w.updatedAt(), w.version() + 1);
        store.update(changed);
        return WebhookView.of(store.byId(id, false), null);
    }

    /** A new secret, returned once; the old one goes on signing beside it for a while (previousSecretFor). */
    @Transactional
    public WebhookView rotateSecret(long id) {
        Webhook w = find(manager(), id, true);
        String secret = Signatures.newSecret();
        store.update(new Webhook(w.id(), w.ownerId(), w.url(), w.events(), w.description(), w.active(), w.disabledReason(), secret,
                w.secret(), Instant.now().plus(config.previousSecretFor()), w.failingSince(), w.createdAt(), w.updatedAt(),
                w.version() + 1));
        return WebhookView.of(store.byId(id, false), secret);
    }

    @Transactional
    public void delete(long id, String ifMatch) {
        Webhook w = find(manager(), id, true);
        Versions.checkIfMatch(ifMatch, w.version());
        store.delete(id);
    }

    public Page<DeliveryView> deliveries(long id, String cursor, Integer limit) {
        find(manager(), id, false);
        int size = Cursors.limit(limit);
        List<Delivery> rows = store.deliveries(id, Cursors.decodeId(cursor), size + 1);
        boolean more = rows.size() > size;
        List<Delivery> shown = more ? rows.subList(0, size) : rows;
        return new Page<>(shown.stream().map(DeliveryView::of).toList(),
                more ? Cursors.encode(String.valueOf(shown.get(shown.size() - 1).id())) : null);
    }

    @Transactional
    public DeliveryView redeliver(long id, long deliveryId) {
        find(manager(), id, false);
        Delivery d = store.delivery(id, deliveryId);
        if (d == null) {
            throw ApiException.notFound("Delivery");
        }
        store.redeliver(deliveryId);
        return DeliveryView.of(store.delivery(id, deliveryId));
    }

    private Caller manager() {
        Caller caller = current.get();
        rights.requireScope(caller, io.clientbase.access.Scopes.WEBHOOKS);
        if (!rights.hasSettingsRight(caller)) {
            throw ApiException.forbidden("Webhooks are managed by an ADMIN or an ADMINISTRATION user with the settings right");
        }
        return caller;
    }

    /** The caller's own webhook, or any for an ADMIN; another's is the same 404 as a missing id. */
    private Webhook find(Caller caller, long id, boolean forUpdate) {
        Webhook w = store.byId(id, forUpdate);
        if (w == null || (!caller.isAdmin() && w.ownerId() != caller.id())) {
            throw ApiException.notFound("Webhook");
        }
        return w;
    }

    private void requireCallable(String url) {
        guard.refusal(url.strip()).ifPresent(why -> {
            throw ApiException.invalid("url", why);
        });
    }

    private static List<String> validEvents(Caller caller, List<String> events, boolean required) {
        if (events == null || events.isEmpty()) {
            if (required) {
                throw ApiException.invalid("events", "names at least one event type, e.g. client.created");
            }
            return List.of();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String unknown : WebhookEvents.unknown(events)) {
            errors.add(new Problem.FieldError("events", "'" + unknown + "' is not an event type; known: " + String.join(", ", WebhookEvents.ALL)));
        }
        if (caller.type() != UserType.ADMIN && events.stream().anyMatch(e -> e != null && e.startsWith("user."))) {
            errors.add(new Problem.FieldError("events", "user events are for an ADMIN's webhooks only"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return List.copyOf(new LinkedHashSet<>(events));
    }
}
