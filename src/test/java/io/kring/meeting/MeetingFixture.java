package io.kring.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A meeting on a fixed clock with deterministic ids and a seeded random, and the people in it. Every
 * command goes through {@link #run} or {@link #reject}; every emitted event is kept so the meeting can
 * be replayed (P1). {@link #reject} also checks P5: a rejected command changes nothing.
 */
final class MeetingFixture {

    static final long T0 = 1_795_000_000_000L;
    static final String MODERATOR_KEY = "moderator-key-0123456789abcdef";

    long now = T0;
    final AtomicInteger counter = new AtomicInteger();
    final Supplier<String> ids = () -> "id" + counter.incrementAndGet();
    final Random random;
    final Meeting meeting;
    final List<MeetingEvent> events = new ArrayList<>();
    final List<Outcome> outcomes = new ArrayList<>();
    /** Everyone who ever joined, by id, in join order. */
    final Map<String, String> names = new LinkedHashMap<>();

    private MeetingFixture(String language, List<Meeting.AgendaItemPlan> agenda, long seed) {
        this(language, agenda, seed, CallLinks.none());
    }

    private MeetingFixture(String language, List<Meeting.AgendaItemPlan> agenda, long seed, CallLinks calls) {
        random = new Random(seed);
        events.addAll(Meeting.creationEvents("meeting1", "Lerend netwerk", language, Credentials.hash(MODERATOR_KEY),
                agenda, now, ids, calls));
        meeting = Meeting.replay(events, ids, random);
        meeting.useCallLinks(calls);
    }

    /** CALL1: a meeting whose server has a call base configured (links drawn from a seeded generator). */
    static MeetingFixture withCalls(String base, long seed) {
        return new MeetingFixture("nl", List.of(), seed, CallLinks.from(base, new Random(seed + 1)));
    }

    /** L6: the meeting replayed with its whole history, as the report sees it (a live one keeps only what it shows). */
    Meeting history() {
        return Meeting.replayWithHistory(events);
    }

    static MeetingFixture meeting() {
        return new MeetingFixture("nl", List.of(), 42);
    }

    static MeetingFixture meeting(String language) {
        return new MeetingFixture(language, List.of(), 42);
    }

    static MeetingFixture meeting(List<Meeting.AgendaItemPlan> agenda) {
        return new MeetingFixture("nl", agenda, 42);
    }

    static MeetingFixture meeting(long seed) {
        return new MeetingFixture("nl", List.of(), seed);
    }

    /** A meeting with a connected moderator "mo". */
    static MeetingFixture withModerator() {
        MeetingFixture f = meeting();
        f.moderator("Mo");
        return f;
    }

    // -----------------------------------------------------------------------------------------------
    // People

    static String idOf(String name) {
        return name.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    static String tokenOf(String participantId) {
        return "token-" + participantId;
    }

    /** Joins with the moderator key and connects. */
    String moderator(String name) {
        String id = joinOnly(name, "", MODERATOR_KEY);
        connect(id);
        return id;
    }

    /** Joins as a participant and connects. */
    String participant(String name) {
        return participant(name, "");
    }

    String participant(String name, String organisation) {
        String id = joinOnly(name, organisation, null);
        connect(id);
        return id;
    }

    /** Joins over "HTTP" without connecting: offline. */
    String joinOnly(String name, String organisation, String moderatorKey) {
        String id = idOf(name);
        Outcome outcome = run(null, join(id, name, organisation, moderatorKey));
        assertThat(outcome.result()).isEqualTo(id);
        names.put(id, name);
        return id;
    }

    static MeetingCommand.JoinMeeting join(String id, String name, String organisation, String moderatorKey) {
        return new MeetingCommand.JoinMeeting(id, name, organisation, moderatorKey, Credentials.hash(tokenOf(id)));
    }

    Outcome connect(String id) {
        return run(id, new MeetingCommand.ConnectParticipant());
    }

    Outcome disconnect(String id) {
        return run(id, new MeetingCommand.DisconnectParticipant());
    }

    // -----------------------------------------------------------------------------------------------
    // Commands and time

    Outcome run(String actorId, MeetingCommand command) {
        Outcome outcome = meeting.handle(actorId, command, now);
        record(outcome);
        return outcome;
    }

    /** Runs a command that must be rejected, checks that nothing changed, and returns the rejection. */
    Rejected reject(String actorId, MeetingCommand command) {
        Map<String, MeetingView.Snapshot> before = snapshots();
        Optional<Long> deadline = meeting.nextDeadline();
        Rejected rejected = catchThrowableOfType(Rejected.class, () -> meeting.handle(actorId, command, now));
        assertThat(rejected).as("%s by %s must be rejected", command, actorId).isNotNull();
        assertThat(snapshots()).as("a rejected command changes nothing (P5)").isEqualTo(before);
        assertThat(meeting.nextDeadline()).isEqualTo(deadline);
        return rejected;
    }

    ErrorCode code(String actorId, MeetingCommand command) {
        return reject(actorId, command).code();
    }

    Outcome tick() {
        Outcome outcome = meeting.tick(now);
        record(outcome);
        return outcome;
    }

    /** Moves the clock on and ticks, as the live layer's scheduler would. */
    Outcome advance(long seconds) {
        now += seconds * 1000L;
        return tick();
    }

    Outcome advanceMillis(long millis) {
        now += millis;
        return tick();
    }

    /** Moves the clock without ticking (a server that was down). */
    void skip(long seconds) {
        now += seconds * 1000L;
    }

    private void record(Outcome outcome) {
        outcomes.add(outcome);
        events.addAll(outcome.events());
    }

    // -----------------------------------------------------------------------------------------------
    // Looking

    MeetingView.Snapshot view(String viewerId) {
        return meeting.viewFor(viewerId, now);
    }

    /** Every member's snapshot, and the one of a stranger (null viewer). */
    Map<String, MeetingView.Snapshot> snapshots() {
        Map<String, MeetingView.Snapshot> all = new LinkedHashMap<>();
        for (String id : names.keySet()) {
            all.put(id, meeting.viewFor(id, now));
        }
        all.put("(nobody)", meeting.viewFor(null, now));
        return all;
    }

    MeetingView.ParticipantView person(String id) {
        return view(id).participants().stream().filter(p -> p.participantId().equals(id)).findFirst().orElseThrow();
    }

    String roomOf(String id) {
        return meeting.participantsById().get(id).roomId;
    }

    List<MeetingView.HandView> hands() {
        return view(null).queue().hands();
    }

    List<String> queueOrder() {
        return hands().stream().map(MeetingView.HandView::participantId).toList();
    }

    MeetingView.SpeakerView speaker() {
        return view(null).queue().speaker();
    }

    List<MeetingView.AgendaItemView> agenda() {
        return view(null).agenda().items();
    }

    MeetingView.AgendaItemView item(String itemId) {
        return agenda().stream().filter(i -> i.itemId().equals(itemId)).findFirst().orElseThrow();
    }

    List<String> agendaTitles() {
        return agenda().stream().map(MeetingView.AgendaItemView::title).toList();
    }

    String itemId(String title) {
        return agenda().stream().filter(i -> i.title().equals(title)).findFirst().orElseThrow().itemId();
    }

    MeetingView.Breakouts breakouts(String viewerId) {
        return view(viewerId).breakouts();
    }

    List<String> roomIds() {
        return breakouts(null).rooms().stream().map(MeetingView.RoomView::roomId).toList();
    }

    MeetingView.RoomView room(String viewerId, String roomId) {
        return breakouts(viewerId).rooms().stream().filter(r -> r.roomId().equals(roomId)).findFirst().orElseThrow();
    }

    /** The ids of the insights of {@code viewerId}'s room as they see them, oldest first. */
    List<String> insightIds(String viewerId) {
        return room(viewerId, roomOf(viewerId)).insights().stream().map(MeetingView.InsightView::insightId).toList();
    }

    List<String> chatTexts(String viewerId) {
        return view(viewerId).chat().stream().map(MeetingView.ChatMessageView::text).toList();
    }

    /** The events of one outcome, by type. */
    static <E extends MeetingEvent> List<E> eventsOf(Outcome outcome, Class<E> type) {
        return outcome.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The notice of the only event of {@code type} in the outcome. */
    static Notice noticeOf(Outcome outcome, Class<? extends MeetingEvent> type) {
        List<Notice> notices = outcome.emitted().stream().filter(e -> type.isInstance(e.event()))
                .map(Outcome.Emitted::notice).toList();
        assertThat(notices).hasSize(1);
        return notices.get(0);
    }

    /** Who of {@code candidates} is in the audience of any delivery of the notice. */
    static List<String> reached(Notice notice, List<String> candidates) {
        return candidates.stream()
                .filter(id -> notice.deliveries().stream().anyMatch(d -> d.audience().includes(id))).toList();
    }

    /** The delivery of the notice that reaches {@code participantId}, if any (deliveries are disjoint). */
    static Optional<Notice.Delivery> deliveryFor(Notice notice, String participantId) {
        List<Notice.Delivery> matching = notice.deliveries().stream()
                .filter(d -> d.audience().includes(participantId)).toList();
        assertThat(matching).as("deliveries are disjoint").hasSizeLessThanOrEqualTo(1);
        return matching.stream().findFirst();
    }

    /** The payload of a delivery: notices carry maps. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Notice.Delivery delivery) {
        return (Map<String, Object>) delivery.data();
    }

    /** A fresh meeting rebuilt from every event so far (P1). */
    Meeting replayed() {
        return Meeting.replay(events, () -> "replay" + counter.incrementAndGet(), new Random(7));
    }

    // -----------------------------------------------------------------------------------------------
    // Breakouts

    static MeetingCommand.OpenBreakouts open(int rooms, String strategy, int durationSeconds) {
        return new MeetingCommand.OpenBreakouts(rooms, strategy, durationSeconds, null, null, null);
    }

    static MeetingCommand.OpenBreakouts open(int rooms, String strategy, int durationSeconds, Integer graceSeconds) {
        return new MeetingCommand.OpenBreakouts(rooms, strategy, durationSeconds, graceSeconds, null, null);
    }
}
