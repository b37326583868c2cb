package io.kring.rest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.kring.config.KringConfig;
import io.kring.live.LiveMeetings;
import io.kring.live.Networks;
import io.kring.meeting.Meeting;
import io.kring.meeting.Credentials;
import io.kring.web.QrResource;

/** The network API of protocol.md section 9 (meeting-rules NW1..NW9): create, look up, plan a meeting. */
@Path("/api/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {

    private final Networks networks;
    /** {@code kring.public-url}, the base of absolute links; empty: the page's own origin is used. */
    private final java.util.Optional<String> publicBase;

    public NetworkResource(Networks networks, KringConfig config) {
        this.networks = networks;
        this.publicBase = QrResource.configuredBase(config.publicUrl());
    }

    public record CreateNetwork(String name, String language) {
    }

    /** As {@code POST /api/meetings}, plus the network's own fields of a meeting. */
    public record PlanMeeting(String title, String language, List<Meeting.AgendaItemPlan> agenda, Long startsAt,
            String mode, String copyAgendaFrom) {
    }

    /** NW1: a new network; the coordinator key is in the fragment of {@code coordinatorPath}, never in a log. */
    @POST
    public Response create(String json) {
        CreateNetwork request = MeetingResource.read(json, CreateNetwork.class, "a JSON object with a name is needed");
        Networks.CreatedNetwork created = networks.create(request.name(), request.language());
        String networkPath = "/n/" + created.networkId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("networkId", created.networkId());
        body.put("name", created.name());
        body.put("coordinatorKey", created.coordinatorKey());
        body.put("networkPath", networkPath);
        body.put("coordinatorPath", networkPath + "#key=" + created.coordinatorKey());
        body.put("networkUrl", publicBase.map(base -> base + networkPath).orElse(null));
        return Response.created(URI.create("/api/networks/" + created.networkId())).entity(body).build();
    }

    /** NW2: the network and its meetings, upcoming first; anyone with the link. */
    @GET
    @Path("{networkId}")
    public Map<String, Object> get(@PathParam("networkId") String networkId) {
        Networks.NetworkView network = networks.describe(networkId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("networkId", network.networkId());
        body.put("name", network.name());
        body.put("language", network.language());
        body.put("meetings", network.meetings());
        return body;
    }

    /**
     * NW2, NW3, NW5: the coordinator plans a meeting; the answer is that of {@code POST /api/meetings} plus
     * networkId. Who asks is checked first (404, 401, 403), then the body (strict JSON whatever its label, H3).
     */
    @POST
    @Path("{networkId}/meetings")
    public Response plan(@PathParam("networkId") String networkId, @HeaderParam("Authorization") String authorization,
            String json) {
        String key = Credentials.bearer(authorization);
        networks.requireCoordinator(networkId, key);
        PlanMeeting request = MeetingResource.read(json, PlanMeeting.class, "a JSON object with a title is needed");
        LiveMeetings.Created created = networks.plan(networkId, key, request.title(), request.language(),
                request.agenda(), request.startsAt(), request.mode(), request.copyAgendaFrom());
        String joinPath = "/m/" + created.meetingId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meetingId", created.meetingId());
        body.put("title", created.title());
        body.put("moderatorKey", created.moderatorKey());
        body.put("joinPath", joinPath);
        body.put("moderatorPath", joinPath + "#key=" + created.moderatorKey());
        body.put("joinUrl", publicBase.map(base -> base + joinPath).orElse(null));
        body.put("networkId", networkId);
        return Response.created(URI.create("/api/meetings/" + created.meetingId())).entity(body).build();
    }
}
