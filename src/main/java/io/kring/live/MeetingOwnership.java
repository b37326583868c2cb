package io.kring.live;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Port: which node owns a meeting (architecture section 10). A single node owns every meeting and this costs
 * nothing; one of several nodes owns a meeting while it holds its lock in the store, and loses all of them
 * at once when it cannot renew that hold.
 */
public interface MeetingOwnership {

    /** Whether this node shares the store with other nodes ({@code kring.node-url} set). */
    boolean isClustered();

    /**
     * Takes the meeting for this node before it is loaded, with a new fencing epoch: from then on, appends of
     * an earlier owner change nothing. False when there is no such meeting.
     *
     * @throws OwnedElsewhere when another node holds it
     * @throws MeetingStore.StoreUnavailable when the store cannot be asked
     */
    boolean take(String meetingId);

    /** Whether this node holds the meeting now (taken and neither released nor lost). */
    boolean holds(String meetingId);

    /** The meeting left this node's memory: another node may take it. Never throws. */
    void release(String meetingId);

    /**
     * Who is told when this node loses every meeting it held (its hold on the store broke): called on a
     * thread of its own, with the meetings that were held.
     */
    void onLoss(Consumer<Set<String>> lost);

    /** Another node owns the meeting; {@code ownerUrl} is its address, or null when unknown. */
    final class OwnedElsewhere extends RuntimeException {
        private final String ownerUrl;

        public OwnedElsewhere(String meetingId, String ownerUrl) {
            super("meeting " + meetingId + " is owned by " + (ownerUrl == null ? "another node" : ownerUrl), null,
                    false, false);
            this.ownerUrl = ownerUrl;
        }

        public String ownerUrl() {
            return ownerUrl;
        }
    }
}
