package io.kring.meeting.roster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.kring.meeting.CommandContext;
import io.kring.meeting.Credentials;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.Limits;
import io.kring.meeting.Member;
import io.kring.meeting.MeetingCommand.AddParticipant;
import io.kring.meeting.MeetingCommand.JoinMeeting;
import io.kring.meeting.MeetingEvent.ChatMuteChanged;
import io.kring.meeting.MeetingEvent.MeetingLockChanged;
import io.kring.meeting.MeetingEvent.ParticipantConnected;
import io.kring.meeting.MeetingEvent.ParticipantDisconnected;
import io.kring.meeting.MeetingEvent.ParticipantJoined;
import io.kring.meeting.MeetingEvent.ParticipantLeft;
import io.kring.meeting.MeetingEvent.ParticipantMoved;
import io.kring.meeting.MeetingEvent.ParticipantRemoved;
import io.kring.meeting.MeetingEvent.PresenceChange;
import io.kring.meeting.MeetingEvent.PresenceChanged;
import io.kring.meeting.MeetingEvent.RoleChanged;
import io.kring.meeting.Rejected;
import io.kring.meeting.Text;

/**
 * Who is in the meeting (M- and MOD-rules): participants with their roles, mutes, presence and current room,
 * and whether the meeting is locked. The {@link io.kring.meeting.Meeting} calls it from its one dispatch table
 * and asks it on behalf of the other parts.
 */
public final class Roster {

    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private boolean locked;

    // ---------------------------------------------------------------------------------------------
    // Commands

    /** M2: joining from the link; the moderator key decides the role. Returns the new participant's id. */
    public String join(JoinMeeting c, String moderatorKeyHash, long now, CommandContext context) {
        boolean asModerator = c.moderatorKey() != null;
        if (asModerator && !Credentials.matches(c.moderatorKey(), moderatorKeyHash)) {
            throw Rejected.forbidden("the moderator key is not right");
        }
        if (!asModerator && locked) {
            throw new Rejected(ErrorCode.LOCKED, "this meeting is locked");
        }
        String name = Text.name(c.name(), "name", 1, 60);
        String organisation = c.organisation() == null ? "" : Text.name(c.organisation(), "organisation", 0, 80);
        Attendance attendance = c.attendance() == null ? Attendance.ONLINE : Attendance.fromWire(c.attendance())
                .orElseThrow(() -> Rejected.invalid("attendance must be online or inRoom"));
        requireRoom(!asModerator);
        Role role = asModerator ? Role.MODERATOR : Role.PARTICIPANT;
        context.emit(new ParticipantJoined(c.participantId(), name, organisation, role.wireName(), c.tokenHash(), now,
                attendance.wireName(), null, c.memberId()));
        return c.participantId();
    }

    /**
     * PR2: a moderator adds someone without a device: in the physical room, no token (nobody can connect as
     * them), present until removed. The name rules and the quota of a join (L1); a locked meeting does not
     * stop it (the lock refuses joins from the link). Returns the new participant's id.
     */
    public String add(Member actor, AddParticipant c, long now, CommandContext context) {
        actor.requireModerator();
        String name = Text.name(c.name(), "name", 1, 60);
        String organisation = c.organisation() == null ? "" : Text.name(c.organisation(), "organisation", 0, 80);
        requireRoom(true);
        String participantId = context.newId();
        context.emit(new ParticipantJoined(participantId, name, organisation, Role.PARTICIPANT.wireName(), null, now,
                Attendance.IN_ROOM.wireName(), actor.id()));
        return participantId;
    }

    /**
     * L1: at most {@link Limits#PARTICIPANTS} not removed, moderators included in the count, for a join from the
     * link or an added participant ({@code participant}); a moderator's join is refused only at the bound on
     * everyone ever.
     */
    private void requireRoom(boolean participant) {
        if ((participant && participantCount() >= Limits.PARTICIPANTS) || participants.size() >= Limits.PARTICIPANTS_EVER) {
            throw Rejected.conflict("this meeting is full (at most " + Limits.PARTICIPANTS + " participants)");
        }
    }

    /** M5: the first connection opened. */
    public void connect(Member actor, long now, CommandContext context) {
        if (!actor.online()) {
            context.emit(new ParticipantConnected(actor.id(), now));
        }
    }

    public void disconnect(Member actor, long now, CommandContext context) {
        if (actor.online()) {
            context.emit(new ParticipantDisconnected(actor.id(), now));
        }
    }

    public void setChatMute(Member actor, String participantId, boolean muted, CommandContext context) {
        actor.requireModerator();
        Member target = context.target(participantId);
        if (target.mutedInChat() != muted) {
            context.emit(new ChatMuteChanged(target.id(), muted));
        }
    }

    /** MOD2: whom a moderator may remove; the meeting ends their hand and turn, then removes them. */
    public Member removable(Member actor, String participantId, CommandContext context) {
        actor.requireModerator();
        Member target = context.target(participantId);
        if (target.id().equals(actor.id())) {
            throw Rejected.conflict("you cannot remove yourself");
        }
        if (target.moderator() && moderatorCount() == 1) {
            throw Rejected.conflict("the last moderator cannot be removed");
        }
        return target;
    }

    /** MOD3: co-moderators; the last moderator stays one. */
    public void changeRole(Member actor, String participantId, Role role, CommandContext context) {
        actor.requireModerator();
        Member target = context.target(participantId);
        if (target.moderator() == (role == Role.MODERATOR)) {
            return;
        }
        if (role == Role.PARTICIPANT && moderatorCount() == 1) {
            throw Rejected.conflict("the last moderator cannot be demoted");
        }
        context.emit(new RoleChanged(target.id(), role.wireName()));
    }

    public void setLocked(Member actor, boolean lock, CommandContext context) {
        actor.requireModerator();
        if (locked != lock) {
            context.emit(new MeetingLockChanged(lock));
        }
    }

    /** Whoever is not removed: UNAUTHORIZED otherwise. */
    public Member requireMember(String participantId) {
        Participant participant = participantId == null ? null : participants.get(participantId);
        if (participant == null || participant.removed) {
            throw new Rejected(ErrorCode.UNAUTHORIZED, "you are not in this meeting");
        }
        return participant.asMember();
    }

    /** The member a command names: INVALID when the id is missing, NOT_FOUND when unknown or removed. */
    public Member target(String participantId) {
        if (participantId == null) {
            throw Rejected.invalid("participantId is required");
        }
        Participant target = participants.get(participantId);
        if (target == null || target.removed) {
            throw Rejected.notFound("no such participant");
        }
        return target.asMember();
    }

    private long moderatorCount() {
        return participants.values().stream().filter(p -> !p.removed && p.isModerator()).count();
    }

    // ---------------------------------------------------------------------------------------------
    // Events: trusted, no checks.

    public void joined(ParticipantJoined e) {
        participants.put(e.participantId(), new Participant(e.participantId(), e.name(), e.organisation(),
                role(e.role()), e.tokenHash(), e.at(), Attendance.stored(e.attendance()), e.addedBy(), e.memberId()));
    }

    public void connected(ParticipantConnected e) {
        participants.get(e.participantId()).online = true;
    }

    public void disconnected(ParticipantDisconnected e) {
        wentOffline(participants.get(e.participantId()), e.at());
    }

    public void presenceChanged(PresenceChanged e) {
        for (PresenceChange change : e.changes()) {
            Participant p = participants.get(change.participantId());
            p.online = change.online();
            if (!change.online()) {
                p.leftAt = change.at();
            }
        }
    }

    public void left(ParticipantLeft e) {
        Participant p = participants.get(e.participantId());
        wentOffline(p, e.at());
        p.roomId = null;
    }

    public void removed(ParticipantRemoved e) {
        Participant p = participants.get(e.participantId());
        p.removed = true;
        wentOffline(p, e.at());
        p.roomId = null;
    }

    public void chatMuteChanged(ChatMuteChanged e) {
        participants.get(e.participantId()).mutedInChat = e.muted();
    }

    public void roleChanged(RoleChanged e) {
        participants.get(e.participantId()).role = role(e.role());
    }

    public void lockChanged(MeetingLockChanged e) {
        locked = e.locked();
    }

    /** MOD6: at the end everyone online leaves. */
    public void meetingEnded(long at) {
        for (Participant p : participants.values()) {
            if (p.online) {
                wentOffline(p, at);
            }
        }
    }

    /** P2: no connection survives a restart. */
    public void everyoneOffline() {
        for (Participant participant : participants.values()) {
            participant.online = false;
        }
    }

    /** BR1: the rooms a new round put people in. */
    public void assigned(Map<String, String> roomIdByParticipant) {
        roomIdByParticipant.forEach((participantId, roomId) -> participants.get(participantId).roomId = roomId);
    }

    public void moved(ParticipantMoved e) {
        participants.get(e.participantId()).roomId = e.roomId();
    }

    /** BR12: everyone is back in the plenary. */
    public void roomsClosed() {
        for (Participant p : participants.values()) {
            p.roomId = null;
        }
    }

    private static void wentOffline(Participant p, long at) {
        p.online = false;
        p.leftAt = at;
    }

    private static Role role(String wire) {
        return Role.MODERATOR.wireName().equals(wire) ? Role.MODERATOR : Role.PARTICIPANT;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading

    /** Everyone who ever joined, removed people included, in join order. */
    public Map<String, Participant> participantsById() {
        return participants;
    }

    /** Everyone not removed, in join order, as a part may know them. */
    public List<Member> members() {
        List<Member> members = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (!p.removed) {
                members.add(p.asMember());
            }
        }
        return members;
    }

    /** PR1: everyone present now ({@link Participant#isPresent}), in join order, as a part may know them. */
    public List<Member> present() {
        List<Member> present = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (p.isPresent()) {
                present.add(p.asMember());
            }
        }
        return present;
    }

    public boolean isLocked() {
        return locked;
    }

    /** Participants not removed. */
    public long participantCount() {
        return participants.values().stream().filter(p -> !p.removed).count();
    }

    /** M3: the participant a token belongs to, if it is theirs and they were not removed. */
    public Optional<String> authenticate(String participantId, String secret) {
        Participant participant = participantId == null ? null : participants.get(participantId);
        if (participant == null || participant.removed || !Credentials.matches(secret, participant.tokenHash)) {
            return Optional.empty();
        }
        return Optional.of(participant.id);
    }

    public boolean isModerator(String participantId) {
        Participant p = participants.get(participantId);
        return p != null && !p.removed && p.isModerator();
    }

    public boolean isMember(String participantId) {
        Participant p = participants.get(participantId);
        return p != null && !p.removed;
    }

    /** Non-moderators who are in the room now (offline ones included). */
    public List<String> roomMembers(String roomId) {
        List<String> members = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (!p.removed && !p.isModerator() && roomId.equals(p.roomId)) {
                members.add(p.id);
            }
        }
        return members;
    }

    /** Everyone (not removed) whose current room is {@code roomId}, moderators visiting it included. */
    public Set<String> presentIn(String roomId) {
        Set<String> present = new HashSet<>();
        for (Participant p : participants.values()) {
            if (!p.removed && Objects.equals(roomId, p.roomId)) {
                present.add(p.id);
            }
        }
        return present;
    }

    /** Everyone (not removed) in some room, moderators visiting one included. */
    public Set<String> inRooms() {
        Set<String> inRooms = new HashSet<>();
        for (Participant p : participants.values()) {
            if (p.roomId != null && !p.removed) {
                inRooms.add(p.id);
            }
        }
        return inRooms;
    }
}
