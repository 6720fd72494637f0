package io.clientbase.support;

/** Waiting for a syncing app's view: a change shows in a sync page once no commit in flight can precede it. */
public final class SyncPoints {

    private SyncPoints() {
    }

    /** About a second after a change: the sync's bound stops a second before the oldest write in flight, asked at most every 120 ms (SyncBound). */
    public static void pauseUntilStable() {
        try {
            Thread.sleep(1_300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
