package io.clientbase.clients;

/** Told, inside the purge transaction, that a client and everything attached to it goes for good. */
public interface ClientPurgeListener {

    void purging(long clientId);
}
