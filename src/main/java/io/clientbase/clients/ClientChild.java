package io.clientbase.clients;

/** A record that belongs to a client and has its own owner: activities, deals, documents. */
public interface ClientChild {

    Long clientId();

    Long ownerId();

    int version();
}
