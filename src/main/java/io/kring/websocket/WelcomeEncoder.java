package io.kring.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.kring.live.MeetingLeftMemory;
import io.kring.live.WelcomeState;
import io.kring.meeting.MeetingEvent;
import io.kring.meeting.MeetingView;

/**
 * Encodes welcomes. A reconnect storm of a big meeting asks for a thousand welcomes in a row, each
 * carrying every participant, so the parts that are the same for every viewer (the meeting, the roster,
 * the agenda, the queue, the announcement) are serialized once per state and kept as UTF-8 bytes, and
 * so is each audience's part (breakouts and chat: one for the moderators and one per room); a welcome
 * writes those bytes as they are, around the few that are its own ({@code seq}, {@code serverTime},
 * {@code you}). The bytes are the ones a JSON writer gives for the whole welcome.
 *
 * <p>Presence changes the state without a stored event, and every connect of someone offline is one:
 * the roster is kept in blocks, and a presence change re-encodes only its participant's block.
 */
@ApplicationScoped
public class WelcomeEncoder {

    /**
     * L7: the meetings whose parts are kept, the most recently welcomed first. At most 2,000 roster
     * entries of at most ~1 KB each per meeting (Limits.PARTICIPANTS, names 60 and organisations 80
     * characters), so this bounds the cache to some tens of MB however many meetings are created.
     */
    static final int MEETINGS_KEPT = 32;

    /** Participants per roster block: a presence change re-encodes one block of at most this many. */
    static final int BLOCK = 64;

    private static final byte[] COMMA = { ',' };

    private final Protocol protocol;
    private final Map<String, Parts> byMeeting = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parts> eldest) {
            return size() > MEETINGS_KEPT;
        }
    };

    public WelcomeEncoder(Protocol protocol) {
        this.protocol = protocol;
    }

    /** A welcome as UTF-8 parts, written one after the other; the shared ones are never changed. */
    public record Encoded(List<byte[]> parts) {
        public int length() {
            return parts.stream().mapToInt(part -> part.length).sum();
        }

        public byte[] bytes() {
            byte[] all = new byte[length()];
            int at = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }

        public String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }
    }

    /** The audience of a welcome's breakouts and chat: what they show depends on these and on nothing else. */
    private record Audience(boolean moderator, String roomId) {
    }

    /** What is kept of one meeting; used with the meeting's lock held, so one welcome at a time. */
    private static final class Parts {
        Object stateKey;
        long presenceChanges;
        byte[] meeting;
        MeetingView.ParticipantView[] roster;
        byte[][] entries;
        final Map<String, Integer> indexOf = new HashMap<>();
        byte[][] blocks;
        /** {@code ],"agenda":…,"queue":…,"breakouts":} */
        byte[] agendaAndQueue;
        /** {@code ,"announcement":…,"reportback":…,"reportbackRoom":…,"questions":[} */
        byte[] announcementAndQuestions;
        final Map<Audience, byte[]> audiences = new HashMap<>();
        /** QA8: each question (in order) up to its {@code youVoted} value, and from after it. */
        String[] questionIds;
        byte[][] questionHeads;
        byte[][] questionTails;
    }

    /** E1: the parts of a meeting that left memory go with it (the event comes with the meeting's lock held). */
    void forget(@Observes MeetingLeftMemory left) {
        forget(left.meetingId());
    }

    /** L7: drops what is kept of a meeting that left memory, ended or was deleted. */
    public void forget(String meetingId) {
        synchronized (byMeeting) {
            byMeeting.remove(meetingId);
        }
    }

    /** How many meetings have parts kept (for tests and metrics). */
    int meetingsKept() {
        synchronized (byMeeting) {
            return byMeeting.size();
        }
    }

    /** The welcome as protocol.md section 2 says; called with the meeting's lock held. */
    Encoded encode(String meetingId, WelcomeState state) {
        Parts parts;
        synchronized (byMeeting) {
            parts = byMeeting.computeIfAbsent(meetingId, id -> new Parts());
        }
        MeetingView.Snapshot snapshot = null;
        if (!state.stateKey().equals(parts.stateKey) || !applyPresence(parts, state)) {
            snapshot = state.snapshot();
            rebuild(parts, snapshot);
            parts.stateKey = state.stateKey();
            parts.presenceChanges = state.presenceChanges();
        }
        Integer viewer = state.participantId() == null ? null : parts.indexOf.get(state.participantId());
        MeetingView.You you;
        if (viewer == null) {
            snapshot = snapshot != null ? snapshot : state.snapshot();
            you = snapshot.you();
        } else {
            MeetingView.ParticipantView own = parts.roster[viewer];
            you = new MeetingView.You(own.participantId(), own.role(), own.roomId(), own.mutedInChat());
        }
        Audience audience = new Audience(you != null && "moderator".equals(you.role()), you == null ? null : you.roomId());
        byte[] audiencePart = parts.audiences.get(audience);
        if (audiencePart == null) {
            snapshot = snapshot != null ? snapshot : state.snapshot();
            audiencePart = utf8(protocol.encode(snapshot.breakouts()) + ",\"chat\":" + protocol.encode(snapshot.chat()));
            parts.audiences.put(audience, audiencePart);
        }
        List<byte[]> out = new ArrayList<>(parts.blocks.length + 6 + 3 * parts.questionIds.length);
        out.add(utf8("{\"type\":\"welcome\",\"seq\":" + state.seq() + ",\"serverTime\":" + state.now()
                + ",\"state\":{\"meeting\":"));
        out.add(parts.meeting);
        out.add(utf8(",\"you\":" + protocol.encode(you) + ",\"participants\":["));
        out.addAll(Arrays.asList(parts.blocks));
        out.add(parts.agendaAndQueue);
        out.add(audiencePart);
        out.add(parts.announcementAndQuestions);
        addQuestions(out, parts, state);
        // POLL5, POLL6: the polls differ per viewer (yourChoices, results, votes): encoded for each welcome.
        out.add(utf8("],\"polls\":" + protocol.encode(state.polls()) + ",\"serverTime\":" + state.now() + "}}"));
        return new Encoded(out);
    }

    /** Everything from the snapshot; entries and blocks whose participants did not change are kept. */
    private void rebuild(Parts parts, MeetingView.Snapshot snapshot) {
        Map<String, byte[]> entryOf = new HashMap<>();
        Map<String, MeetingView.ParticipantView> viewOf = new HashMap<>();
        if (parts.roster != null) {
            for (int i = 0; i < parts.roster.length; i++) {
                viewOf.put(parts.roster[i].participantId(), parts.roster[i]);
                entryOf.put(parts.roster[i].participantId(), parts.entries[i]);
            }
        }
        MeetingView.ParticipantView[] oldRoster = parts.roster;
        byte[][] oldBlocks = parts.blocks;
        List<MeetingView.ParticipantView> roster = snapshot.participants();
        parts.roster = roster.toArray(new MeetingView.ParticipantView[0]);
        parts.entries = new byte[parts.roster.length][];
        parts.indexOf.clear();
        for (int i = 0; i < parts.roster.length; i++) {
            MeetingView.ParticipantView view = parts.roster[i];
            parts.indexOf.put(view.participantId(), i);
            byte[] kept = entryOf.get(view.participantId());
            parts.entries[i] = kept != null && view.equals(viewOf.get(view.participantId())) ? kept
                    : utf8(protocol.encode(view));
        }
        parts.blocks = new byte[(parts.roster.length + BLOCK - 1) / BLOCK][];
        for (int block = 0; block < parts.blocks.length; block++) {
            boolean same = oldBlocks != null && block < oldBlocks.length && sameBlock(oldRoster, parts.roster, block);
            parts.blocks[block] = same ? oldBlocks[block] : joinBlock(parts, block);
        }
        parts.meeting = utf8(protocol.encode(snapshot.meeting()));
        parts.agendaAndQueue = utf8("],\"agenda\":" + protocol.encode(snapshot.agenda()) + ",\"queue\":"
                + protocol.encode(snapshot.queue()) + ",\"breakouts\":");
        parts.announcementAndQuestions = utf8(",\"announcement\":" + protocol.encode(snapshot.announcement())
                + ",\"reportback\":" + protocol.encode(snapshot.reportback())
                + ",\"reportbackRoom\":" + protocol.encode(snapshot.reportbackRoom())
                + ",\"questions\":[");
        parts.audiences.clear();
        encodeQuestions(parts, snapshot.questions());
    }

    private static final String YOU_VOTED = ",\"youVoted\":false";

    /**
     * QA8: questions are the same for everyone but for {@code youVoted}, so each is kept as the bytes before and
     * after its value. The value is the last boolean field but two, after the text: a text's quotes are escaped,
     * so the last match is the field itself.
     */
    private void encodeQuestions(Parts parts, List<MeetingView.QuestionView> questions) {
        int count = questions.size();
        parts.questionIds = new String[count];
        parts.questionHeads = new byte[count][];
        parts.questionTails = new byte[count][];
        for (int i = 0; i < count; i++) {
            MeetingView.QuestionView q = questions.get(i);
            String json = protocol.encode(new MeetingView.QuestionView(q.questionId(), q.text(), q.participantId(),
                    q.name(), q.itemId(), q.votes(), false, q.answered(), q.askedAt()));
            int at = json.lastIndexOf(YOU_VOTED);
            parts.questionIds[i] = q.questionId();
            parts.questionHeads[i] = utf8((i > 0 ? "," : "") + json.substring(0, at + YOU_VOTED.length() - "false".length()));
            parts.questionTails[i] = utf8(json.substring(at + YOU_VOTED.length()));
        }
    }

    private static final byte[] TRUE = utf8("true");
    private static final byte[] FALSE = utf8("false");

    private static void addQuestions(List<byte[]> out, Parts parts, WelcomeState state) {
        if (parts.questionIds.length == 0) {
            return;
        }
        java.util.Set<String> voted = state.participantId() == null ? java.util.Set.of() : state.questionsVoted();
        for (int i = 0; i < parts.questionIds.length; i++) {
            out.add(parts.questionHeads[i]);
            out.add(voted.contains(parts.questionIds[i]) ? TRUE : FALSE);
            out.add(parts.questionTails[i]);
        }
    }

    /**
     * P8: presence applied since the parts were built changes only those participants' {@code online};
     * false when that cannot be told (the changes were already stored, or name someone not in the roster).
     */
    private boolean applyPresence(Parts parts, WelcomeState state) {
        long now = state.presenceChanges();
        if (now == parts.presenceChanges) {
            return true;
        }
        List<MeetingEvent.PresenceChange> changes = state.presenceSince(parts.presenceChanges).orElse(null);
        if (changes == null) {
            return false;
        }
        boolean[] dirty = new boolean[parts.blocks.length];
        for (MeetingEvent.PresenceChange change : changes) {
            Integer at = parts.indexOf.get(change.participantId());
            if (at == null) {
                return false;
            }
            MeetingView.ParticipantView was = parts.roster[at];
            if (was.online() != change.online()) {
                MeetingView.ParticipantView view = new MeetingView.ParticipantView(was.participantId(), was.name(),
                        was.organisation(), was.role(), change.online(), was.roomId(), was.mutedInChat(),
                        was.joinedAt(), was.attendance(), was.memberId());
                parts.roster[at] = view;
                parts.entries[at] = utf8(protocol.encode(view));
                dirty[at / BLOCK] = true;
            }
        }
        for (int block = 0; block < dirty.length; block++) {
            if (dirty[block]) {
                parts.blocks[block] = joinBlock(parts, block);
            }
        }
        parts.presenceChanges = now;
        return true;
    }

    private static boolean sameBlock(MeetingView.ParticipantView[] before, MeetingView.ParticipantView[] after,
            int block) {
        int from = block * BLOCK;
        int to = Math.min(after.length, from + BLOCK);
        if (before.length < to || (to < from + BLOCK && before.length != after.length)) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Objects.equals(before[i], after[i])) {
                return false;
            }
        }
        return true;
    }

    /** The entries of one block, comma-separated; every block but the first starts with its comma. */
    private static byte[] joinBlock(Parts parts, int block) {
        int from = block * BLOCK;
        int to = Math.min(parts.entries.length, from + BLOCK);
        int length = 0;
        for (int i = from; i < to; i++) {
            length += parts.entries[i].length + (i > 0 ? 1 : 0);
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (int i = from; i < to; i++) {
            if (i > 0) {
                joined[at++] = COMMA[0];
            }
            System.arraycopy(parts.entries[i], 0, joined, at, parts.entries[i].length);
            at += parts.entries[i].length;
        }
        return joined;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
