package io.kring.live;

import java.util.List;

/**
 * Port: which meetings of a network came before a meeting (NWM1), read from the meeting rows of V3. One
 * transaction per call; {@link MeetingStore.StoreUnavailable} when the database cannot be reached.
 */
public interface NetworkRoomsStore {

    /** A meeting of the network and its sequence number: the same number means the same stored events. */
    record EarlierMeeting(String meetingId, long lastSeq) {
    }

    /**
     * The other meetings of the network planned to start (else created) before {@code startedBefore}, most recent
     * first, at most {@code limit}. One that has not happened yet has no rooms: it adds nothing.
     */
    List<EarlierMeeting> earlierMeetings(String networkId, String meetingId, long startedBefore, int limit);
}
