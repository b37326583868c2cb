package io.kring.meeting.breakout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kring.meeting.CallLinks;
import io.kring.meeting.MeetingCommand.OpenBreakouts;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * The checks of a {@code breakout.open} that need nothing but the request itself (BR1, BR2, CALL3): shared by
 * opening a round and by storing a round prepared with an agenda item (AP2), so that a prepared round is refused
 * when it is stored for the same reasons it would be refused when it opens. What depends on who takes part (a
 * manual assignment naming someone, who is present) is checked only when the round opens.
 */
public record BreakoutRequest(int roomCount, BreakoutStrategy strategy, int graceSeconds, List<String> topics,
        List<String> callUrls) {

    static final int DEFAULT_GRACE_SECONDS = 60;

    /** The request's fields, checked; {@code INVALID} names the first wrong one. Its duration is not looked at. */
    public static BreakoutRequest checked(OpenBreakouts c) {
        int roomCount = Text.range(c.roomCount(), "roomCount", 1, 50);
        if (c.strategy() == null) {
            throw Rejected.invalid("strategy is required");
        }
        BreakoutStrategy strategy = BreakoutStrategy.fromWire(c.strategy())
                .orElseThrow(() -> Rejected.invalid("strategy must be random, mixOrganisations, manual or selfSelect"));
        int grace = c.graceSeconds() == null ? DEFAULT_GRACE_SECONDS
                : Text.range(c.graceSeconds(), "graceSeconds", 0, 600);
        List<String> given = c.topics() == null ? List.of() : c.topics();
        if (given.size() > roomCount) {
            throw Rejected.invalid("at most one topic per room");
        }
        List<String> topics = new ArrayList<>();
        for (String topic : given) {
            topics.add(Text.line(topic, "topic", 0, 200));
        }
        List<String> callUrls = c.callUrls() == null ? List.of() : c.callUrls();
        if (callUrls.size() > roomCount) {
            throw Rejected.invalid("at most one call URL per room");
        }
        for (String url : callUrls) {
            CallLinks.checked(url, "callUrls[]");
        }
        Map<String, Integer> assignments = c.assignments() == null ? Map.of() : c.assignments();
        if (!assignments.isEmpty() && strategy != BreakoutStrategy.MANUAL) {
            throw Rejected.invalid("assignments are for the manual strategy only");
        }
        for (Integer roomIndex : assignments.values()) {
            Text.range(roomIndex, "room index", 0, roomCount - 1);
        }
        return new BreakoutRequest(roomCount, strategy, grace, List.copyOf(topics), List.copyOf(callUrls));
    }

    /**
     * AP2, AP3, AP4: the round to store with an agenda item of {@code itemSeconds}: null for none ({@code null} or
     * {@code {}}, an object without fields), else the request checked and kept as given, without a duration (the
     * item's is used when it opens, so the item may last no longer than a round).
     */
    public static OpenBreakouts preset(OpenBreakouts given, int itemSeconds) {
        if (given == null || given.equals(new OpenBreakouts(null, null, null, null, null, null, null))) {
            return null;
        }
        checked(given);
        if (itemSeconds > Breakouts.MAX_DURATION_SECONDS) {
            throw Rejected.invalid("a breakout item with a prepared round lasts at most "
                    + Breakouts.MAX_DURATION_SECONDS + " seconds");
        }
        return given.withDurationSeconds(null);
    }
}
