package io.kring.meeting.breakout;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.kring.meeting.CallLinks;
import io.kring.meeting.Limits;
import io.kring.meeting.MeetingCommand.OpenBreakouts;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * The checks of a {@code breakout.open} that need nothing but the request itself (BR1, BR2, CALL3): shared by
 * opening a round and by storing a round prepared with an agenda item (AP2), so that a prepared round is refused
 * when it is stored for the same reasons it would be refused when it opens. What depends on who takes part (a
 * manual assignment naming someone, who is present) is checked only when the round opens.
 */
public record BreakoutRequest(BreakoutStrategy strategy, int graceSeconds, String attendance) {

    static final int DEFAULT_GRACE_SECONDS = 60;
    static final String MIXED = "mixed";
    static final String SEPARATE = "separate";
    private static final Pattern ROOM_INDEX = Pattern.compile("0|[1-9][0-9]?");

    /**
     * The request's fields, checked as far as they can be without the meeting (GM1, GM2, GM7, GM8); {@code INVALID}
     * names the first wrong one. Its duration is not looked at: a prepared round takes its item's.
     */
    public static BreakoutRequest checked(OpenBreakouts c) {
        if ((c.roomCount() == null) == (c.groupSize() == null)) {
            throw Rejected.invalid("give exactly one of roomCount or groupSize");
        }
        if (c.roomCount() != null) {
            Text.range(c.roomCount(), "roomCount", 1, GroupMethods.MAX_ROOMS);
        } else {
            Text.range(c.groupSize(), "groupSize", 2, GroupMethods.MAX_ROOMS);
        }
        if (c.strategy() == null) {
            throw Rejected.invalid("strategy is required");
        }
        BreakoutStrategy strategy = BreakoutStrategy.fromWire(c.strategy()).orElseThrow(() -> Rejected.invalid(
                "strategy must be random, mixOrganisations, manual, selfSelect, sameAs, merge or rotate"));
        int grace = c.graceSeconds() == null ? DEFAULT_GRACE_SECONDS
                : Text.range(c.graceSeconds(), "graceSeconds", 0, 600);
        String attendance = c.attendance() == null ? MIXED : c.attendance();
        if (!attendance.equals(MIXED) && !attendance.equals(SEPARATE)) {
            throw Rejected.invalid("attendance must be mixed or separate");
        }
        if (attendance.equals(SEPARATE) && strategy != BreakoutStrategy.RANDOM
                && strategy != BreakoutStrategy.MIX_ORGANISATIONS) {
            throw Rejected.invalid("attendance separate works with the random and mixOrganisations strategies only");
        }
        Map<String, Integer> assignments = c.assignments() == null ? Map.of() : c.assignments();
        if (!assignments.isEmpty() && strategy != BreakoutStrategy.MANUAL) {
            throw Rejected.invalid("assignments are for the manual strategy only");
        }
        if (c.roomCount() != null) {
            for (Integer roomIndex : assignments.values()) {
                Text.range(roomIndex, "room index", 0, c.roomCount() - 1);
            }
        }
        if (c.fromRound() != null) {
            if (!strategy.buildsOnEarlierRound()) {
                throw Rejected.invalid("fromRound is for the sameAs, merge and rotate strategies only");
            }
            Text.range(c.fromRound(), "fromRound", 0, Limits.BREAKOUT_ROUNDS - 1);
        }
        int perRoom = c.roomCount() != null && !strategy.buildsOnEarlierRound() ? c.roomCount() : GroupMethods.MAX_ROOMS;
        for (String topic : atMostPerRoom(c.topics(), "topic", perRoom)) {
            Text.line(topic, "topic", 0, 200);
        }
        for (String url : atMostPerRoom(c.callUrls(), "call URL", perRoom)) {
            CallLinks.checked(url, "callUrls[]");
        }
        if (c.hosts() != null) {
            for (String roomIndex : c.hosts().keySet()) {
                if (!ROOM_INDEX.matcher(roomIndex).matches() || Integer.parseInt(roomIndex) >= perRoom) {
                    throw Rejected.invalid("hosts are keyed by room index, 0 to " + (perRoom - 1));
                }
            }
        }
        return new BreakoutRequest(strategy, grace, attendance);
    }

    private static List<String> atMostPerRoom(List<String> values, String what, int rooms) {
        List<String> list = values == null ? List.of() : values;
        if (list.size() > rooms) {
            throw Rejected.invalid("at most one " + what + " per room");
        }
        return list;
    }

    /**
     * AP2, AP3, AP4: the round to store with an agenda item of {@code itemSeconds}: null for none ({@code null} or
     * {@code {}}, an object without fields), else the request checked and kept as given, without a duration (the
     * item's is used when it opens, so the item may last no longer than a round). {@code stored} is the item's round
     * before an update, or null: no client is shown its {@code callUrls} (AP1), so a round given without them keeps
     * the stored ones ({@code []} given clears them).
     */
    public static OpenBreakouts preset(OpenBreakouts given, OpenBreakouts stored, int itemSeconds) {
        if (given == null || given.equals(OpenBreakouts.NONE)) {
            return null;
        }
        BreakoutRequest request = checked(given);
        if (itemSeconds > Breakouts.MAX_DURATION_SECONDS) {
            throw Rejected.invalid("a breakout item with a prepared round lasts at most "
                    + Breakouts.MAX_DURATION_SECONDS + " seconds");
        }
        OpenBreakouts kept = given.callUrls() == null && stored != null && stored.callUrls() != null
                ? given.withCallUrls(keptCallUrls(stored.callUrls(), given, request.strategy()))
                : given;
        return kept.withDurationSeconds(null);
    }

    /**
     * AP4: the stored links, at most one per room when the new round's room count is known (as {@link #checked}
     * counts them); with {@code groupSize} or a round built on an earlier one the count is known only when it opens,
     * which uses the first links as it always does.
     */
    private static List<String> keptCallUrls(List<String> stored, OpenBreakouts given, BreakoutStrategy strategy) {
        boolean roomsKnown = given.roomCount() != null && !strategy.buildsOnEarlierRound();
        return roomsKnown && stored.size() > given.roomCount() ? List.copyOf(stored.subList(0, given.roomCount()))
                : stored;
    }
}
