package io.clientbase.access;

/**
 * A kind of record of the client base that has an owner. Every such kind registers one bean so
 * that deleting a user can count and reassign everything he owns, in one transaction.
 */
public interface OwnedRecords {

    long countOwnedBy(long userId);

    void reassign(long fromUserId, long toUserId);
}
