package io.kring.websocket;

import static io.kring.meeting.MeetingCommand.*;
import static java.util.Map.entry;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import io.kring.input.Ids;
import io.kring.input.StrictJson;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.MeetingCommand.ClientCommand;
import io.kring.meeting.Rejected;

/**
 * Wire names of the commands (protocol.md section 4, docs/protocol.md section 5) and their decoding.
 * A command without a row here cannot be sent; ProtocolTest fails when a client command has none.
 */
@ApplicationScoped
public class Protocol {

    public static final Map<String, Class<? extends ClientCommand>> COMMANDS = Map.ofEntries(
            entry("agenda.add", AddAgendaItem.class),
            entry("agenda.update", UpdateAgendaItem.class),
            entry("agenda.remove", RemoveAgendaItem.class),
            entry("agenda.move", MoveAgendaItem.class),
            entry("agenda.start", StartAgendaItem.class),
            entry("agenda.next", StartNextAgendaItem.class),
            entry("agenda.extend", ExtendAgendaItem.class),
            entry("agenda.stop", StopAgendaItem.class),
            entry("hand.raise", RaiseHand.class),
            entry("hand.lower", LowerHand.class),
            entry("floor.give", GiveFloor.class),
            entry("floor.next", GiveFloorToNext.class),
            entry("floor.end", EndFloor.class),
            entry("floor.round", StartFloorRound.class),
            entry("chat.send", SendChatMessage.class),
            entry("chat.delete", DeleteChatMessage.class),
            entry("participant.mute", MuteParticipant.class),
            entry("participant.unmute", UnmuteParticipant.class),
            entry("participant.remove", RemoveParticipant.class),
            entry("participant.promote", PromoteParticipant.class),
            entry("participant.demote", DemoteParticipant.class),
            entry("participant.add", AddParticipant.class),
            entry("meeting.lock", LockMeeting.class),
            entry("meeting.unlock", UnlockMeeting.class),
            entry("meeting.announce", Announce.class),
            entry("meeting.end", EndMeeting.class),
            entry("meeting.call", SetMeetingCall.class),
            entry("meeting.leave", LeaveMeeting.class),
            entry("breakout.open", OpenBreakouts.class),
            entry("breakout.join", JoinBreakoutRoom.class),
            entry("breakout.move", MoveToBreakoutRoom.class),
            entry("breakout.broadcast", BroadcastToBreakouts.class),
            entry("breakout.extend", ExtendBreakouts.class),
            entry("breakout.close", CloseBreakouts.class),
            entry("breakout.help", RequestBreakoutHelp.class),
            entry("insight.add", AddInsight.class),
            entry("room.done", MarkRoomDone.class),
            entry("insight.edit", EditInsight.class),
            entry("insight.remove", RemoveInsight.class),
            entry("question.ask", AskQuestion.class),
            entry("question.upvote", UpvoteQuestion.class),
            entry("question.answer", AnswerQuestion.class),
            entry("question.remove", RemoveQuestion.class),
            entry("poll.open", OpenPoll.class),
            entry("poll.vote", VotePoll.class),
            entry("poll.close", ClosePoll.class),
            entry("report.publish", PublishRecap.class),
            entry("report.unpublish", UnpublishRecap.class));

    private final ObjectMapper mapper;

    public Protocol(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Parses a frame; null when it is not exactly one JSON object (a duplicated key or trailing data
     * make it unreadable too: input rule I1).
     */
    JsonNode parse(String text) {
        return StrictJson.parseObject(text);
    }

    /**
     * I4: a command's {@code id} is absent, null, 1..64 visible ASCII characters or a whole number;
     * only such an id is echoed.
     */
    static boolean hasUsableId(JsonNode frame) {
        JsonNode id = frame.get("id");
        return id == null || id.isNull() || (id.isTextual() && Ids.isClientId(id.textValue()))
                || (id.isIntegralNumber() && id.canConvertToLong());
    }

    /** The id to echo in the answer to a frame: null unless it is usable. */
    static JsonNode clientId(JsonNode frame) {
        return frame == null || !hasUsableId(frame) || frame.get("id") == null ? NullNode.getInstance()
                : frame.get("id");
    }

    /** The command of a frame, or {@code INVALID} for an unknown type or fields of the wrong shape. */
    ClientCommand decode(String type, JsonNode frame) {
        Class<? extends ClientCommand> commandType = type == null ? null : COMMANDS.get(type);
        if (commandType == null) {
            throw new Rejected(ErrorCode.INVALID, "unknown command " + (type == null ? "(no type)" : type));
        }
        return StrictJson.decode(frame, commandType);
    }

    String encode(Object message) {
        try {
            return mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }
}
