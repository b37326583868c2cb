package io.kring.rest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.config.KringConfig;
import io.kring.input.Ids;
import io.kring.input.StrictJson;
import io.kring.live.LiveMeetings;
import io.kring.live.Networks;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.Meeting;
import io.kring.meeting.MeetingRecord;
import io.kring.meeting.MeetingView;
import io.kring.meeting.Rejected;
import io.kring.report.MeetingReport;
import io.kring.web.QrResource;

/** The HTTP API of protocol.md section 1: create, look up, join, read the state, the report. */
@Path("/api/meetings")
@Produces(MediaType.APPLICATION_JSON)
public class MeetingResource {

    private final LiveMeetings meetings;
    private final Networks networks;
    private final java.time.Clock clock;
    /** {@code kring.public-url}, the base of absolute join links; empty: the page's own origin is used. */
    private final java.util.Optional<String> publicBase;

    public MeetingResource(LiveMeetings meetings, Networks networks, java.time.Clock clock, KringConfig config) {
        this.meetings = meetings;
        this.networks = networks;
        this.clock = clock;
        this.publicBase = QrResource.configuredBase(config.publicUrl());
    }

    /** The absolute join link under {@code kring.public-url}, or null when it is not set (never from the Host header). */
    private String joinUrl(String meetingId) {
        return publicBase.map(base -> base + "/m/" + meetingId).orElse(null);
    }

    public record CreateMeeting(String title, String language, List<Meeting.AgendaItemPlan> agenda) {
    }

    /** {@code memberToken}: NW4, the member token of a network (a network meeting only; ignored elsewhere). */
    public record Join(String name, String organisation, String moderatorKey, String attendance, String memberToken) {
    }

    @POST
    public Response create(String json) {
        CreateMeeting request = read(json, CreateMeeting.class, "a JSON object with a title is needed");
        LiveMeetings.Created created = meetings.create(request.title(), request.language(), request.agenda());
        String joinPath = "/m/" + created.meetingId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meetingId", created.meetingId());
        body.put("title", created.title());
        body.put("moderatorKey", created.moderatorKey());
        body.put("joinPath", joinPath);
        body.put("moderatorPath", joinPath + "#key=" + created.moderatorKey());
        body.put("joinUrl", joinUrl(created.meetingId()));
        return Response.created(URI.create("/api/meetings/" + created.meetingId())).entity(body).build();
    }

    @GET
    @Path("{meetingId}")
    public Map<String, Object> get(@PathParam("meetingId") String meetingId) {
        requireIdShape(meetingId);
        return meetings.read(meetingId, meeting -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("meetingId", meeting.id());
            body.put("title", meeting.title());
            body.put("status", meeting.isEnded() ? "ended" : "open");
            body.put("locked", meeting.isLocked());
            body.put("language", meeting.languageCode());
            body.put("participantCount", meeting.participantCount());
            body.put("joinUrl", joinUrl(meeting.id()));
            // The join page of a network meeting sends the browser's member token of this network (NW4).
            body.put("networkId", meeting.networkId());
            return body;
        });
    }

    @POST
    @Path("{meetingId}/participants")
    public Response join(@PathParam("meetingId") String meetingId, String json) {
        requireIdShape(meetingId);
        Join request = read(json, Join.class, "a JSON object with a name is needed");
        Networks.NetworkJoin join = networks.join(meetingId, request.name(), request.organisation(),
                request.moderatorKey(), request.attendance(), request.memberToken());
        LiveMeetings.Joined joined = join.joined();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("participantId", joined.participantId());
        body.put("token", joined.token());
        body.put("role", joined.role());
        if (join.memberId() != null) { // NW4: a network meeting
            body.put("memberId", join.memberId());
            if (join.memberToken() != null) {
                body.put("memberToken", join.memberToken());
            }
        }
        return Response.status(201).entity(body).build();
    }

    @GET
    @Path("{meetingId}/state")
    public MeetingView.Snapshot state(@PathParam("meetingId") String meetingId,
            @HeaderParam("Authorization") String authorization) {
        requireIdShape(meetingId);
        String participantId = authenticate(meetingId, authorization);
        return meetings.read(meetingId, meeting -> meeting.viewFor(participantId, clock.millis()));
    }

    @GET
    @Path("{meetingId}/report")
    @Produces({ MediaType.APPLICATION_JSON, "text/markdown" })
    public Response report(@PathParam("meetingId") String meetingId, @QueryParam("format") String format,
            @HeaderParam("Authorization") String authorization) {
        requireIdShape(meetingId);
        String participantId = authenticate(meetingId, authorization);
        String chosen = format == null ? "md" : format;
        if (!chosen.equals("md") && !chosen.equals("json")) {
            throw new Rejected(ErrorCode.INVALID, "format must be md or json");
        }
        MeetingRecord record = meetings.record(meetingId, participantId);
        return chosen.equals("json")
                ? Response.ok(record, MediaType.APPLICATION_JSON_TYPE).build()
                : Response.ok(MeetingReport.markdown(record, java.time.ZoneId.systemDefault()),
                        "text/markdown; charset=UTF-8").build();
    }

    /** E3: the meeting and everything stored about it are deleted; its sockets close with 4410. */
    @DELETE
    @Path("{meetingId}")
    public Response delete(@PathParam("meetingId") String meetingId,
            @HeaderParam("Authorization") String authorization) {
        requireIdShape(meetingId);
        String participantId = authenticate(meetingId, authorization);
        meetings.delete(meetingId, participantId);
        return Response.noContent().build();
    }

    /** The projector view (docs/protocol.md section 6): no login, no chat, no secrets. */
    @GET
    @Path("{meetingId}/display")
    public Map<String, Object> display(@PathParam("meetingId") String meetingId) {
        requireIdShape(meetingId);
        return meetings.read(meetingId, meeting -> {
            MeetingView.Snapshot snapshot = meeting.viewFor(null, clock.millis());
            Map<String, String> names = snapshot.participants().stream()
                    .collect(Collectors.toMap(MeetingView.ParticipantView::participantId,
                            MeetingView.ParticipantView::name));
            Function<String, String> nameOf = id -> names.getOrDefault(id, "");
            Map<String, Object> queue = new LinkedHashMap<>();
            MeetingView.SpeakerView speaker = snapshot.queue().speaker();
            queue.put("speaker", speaker == null ? null : displayedSpeaker(speaker, nameOf));
            queue.put("hands", snapshot.queue().hands().stream().map(h -> Map.of("participantId", h.participantId(),
                    "name", nameOf.apply(h.participantId()), "kind", h.kind(), "raisedAt", h.raisedAt())).toList());
            queue.put("roundLimitSeconds", snapshot.queue().roundLimitSeconds());
            Map<String, Object> body = new LinkedHashMap<>();
            MeetingView.Info info = snapshot.meeting();
            // CALL5: the projector needs no login, so it shows no call link
            body.put("meeting", new MeetingView.Info(info.meetingId(), info.title(), info.status(), info.locked(),
                    info.language(), null));
            body.put("agenda", snapshot.agenda());
            body.put("queue", queue);
            body.put("breakouts", snapshot.breakouts());
            body.put("announcement", snapshot.announcement());
            body.put("groups", groups(snapshot, nameOf));
            // QA9: the top unanswered questions, without names (the projector shows the room, not who asked)
            body.put("questions", snapshot.questions().stream().filter(q -> !q.answered()).limit(5)
                    .map(q -> Map.of("questionId", q.questionId(), "text", q.text(), "votes", q.votes())).toList());
            body.put("poll", displayedPoll(snapshot.polls()));
            body.put("reportback", displayedReportBack(snapshot, nameOf));
            body.put("joinPath", "/m/" + meeting.id());
            body.put("joinUrl", joinUrl(meeting.id()));
            body.put("serverTime", snapshot.serverTime());
            return body;
        });
    }

    /**
     * RB8, RB10: the room shown in the report-back, large on the projector: its name, topic, members' names and
     * insights (those of a closed round, which everyone may see) with the countdown. Null when none runs.
     */
    private static Map<String, Object> displayedReportBack(MeetingView.Snapshot snapshot,
            Function<String, String> nameOf) {
        MeetingView.ReportBackView shown = snapshot.reportback();
        if (shown == null) {
            return null;
        }
        MeetingView.ReportBackRoomView earlier = snapshot.reportbackRoom();
        MeetingView.RoomView room = snapshot.breakouts().rooms().stream()
                .filter(r -> r.roomId().equals(shown.roomId())).findFirst().orElse(null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("roundIndex", shown.roundIndex());
        body.put("roomId", shown.roomId());
        body.put("endsAt", shown.endsAt());
        body.put("secondsPerRoom", shown.secondsPerRoom());
        if (earlier != null) {
            // RB11: a room of an earlier round, as the snapshot's reportbackRoom gives it
            body.put("name", earlier.name());
            body.put("topic", earlier.topic());
            body.put("members", earlier.members());
            body.put("insights", earlier.insights().stream().map(MeetingView.ReportBackInsightView::text).toList());
            return body;
        }
        body.put("name", room == null ? "" : room.name());
        body.put("topic", room == null ? null : room.topic());
        // a member removed since the close has no name any more: left out
        body.put("members", room == null ? List.of()
                : room.participantIds().stream().map(nameOf).filter(name -> !name.isEmpty()).toList());
        body.put("insights", room == null ? List.of() : room.insights().stream().map(MeetingView.InsightView::text).toList());
        return body;
    }

    /**
     * POLL5: the projector shows the open poll opened last, or else the last poll, as everyone may see it: its
     * results only when they may be shown to everyone (a live poll, or once closed). Null without polls.
     */
    private static MeetingView.PollView displayedPoll(List<MeetingView.PollView> polls) {
        for (int i = polls.size() - 1; i >= 0; i--) {
            if (polls.get(i).status().equals("open")) {
                return polls.get(i);
            }
        }
        return polls.isEmpty() ? null : polls.get(polls.size() - 1);
    }

    /** As in the snapshot, a turn without a limit has {@code limitSeconds} null: the projector then counts up. */
    private static Map<String, Object> displayedSpeaker(MeetingView.SpeakerView speaker,
            Function<String, String> nameOf) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("participantId", speaker.participantId());
        shown.put("name", nameOf.apply(speaker.participantId()));
        shown.put("since", speaker.since());
        shown.put("limitSeconds", speaker.limitSeconds());
        shown.put("overtime", speaker.overtime());
        return shown;
    }

    /**
     * The projector's groups with their members' names, for a meeting with people in the physical room (someone's
     * {@code attendance} is {@code inRoom}) while a round is open or closing; null otherwise.
     */
    private static List<Map<String, Object>> groups(MeetingView.Snapshot snapshot, Function<String, String> nameOf) {
        String status = snapshot.breakouts().status();
        boolean running = "open".equals(status) || "closing".equals(status);
        boolean inPerson = snapshot.participants().stream().anyMatch(p -> "inRoom".equals(p.attendance()));
        if (!running || !inPerson) {
            return null;
        }
        return snapshot.breakouts().rooms().stream().map(room -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("roomId", room.roomId());
            group.put("name", room.name());
            group.put("topic", room.topic());
            group.put("members", room.participantIds().stream().map(nameOf).toList());
            return group;
        }).toList();
    }

    /**
     * Reads a JSON body ourselves, strictly (input rules I1..I4), so that every unreadable body (not
     * JSON, not one object, a duplicated key, a field of the wrong type) gets the contract's
     * {@code INVALID} error body.
     */
    static <T> T read(String body, Class<T> type, String expected) {
        JsonNode json = StrictJson.parseObject(body);
        if (json == null) {
            throw new Rejected(ErrorCode.INVALID, expected + "; the body is not one JSON object");
        }
        return StrictJson.decode(json, type);
    }

    /** I4: a meeting id that cannot be one of ours is not found, without a look-up. */
    private static void requireIdShape(String meetingId) {
        if (!Ids.isId(meetingId)) {
            throw new Rejected(ErrorCode.NOT_FOUND, "no such meeting");
        }
    }

    /** The participant a {@code Bearer} token names in this meeting; 401 otherwise. */
    private String authenticate(String meetingId, String authorization) {
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip()
                : null;
        if (token == null) {
            meetings.read(meetingId, meeting -> null);
            throw new Rejected(ErrorCode.UNAUTHORIZED, "a Bearer token is needed");
        }
        return meetings.authenticate(meetingId, token)
                .orElseThrow(() -> new Rejected(ErrorCode.UNAUTHORIZED, "this token is not valid for this meeting"));
    }
}
