package io.kring.rest;

import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.directory.NetworkDirectory;
import io.kring.directory.Profile;
import io.kring.directory.ProfileInput;
import io.kring.input.StrictJson;
import io.kring.meeting.ErrorCode;
import io.kring.meeting.Rejected;
import io.kring.report.NetworkReport;

/**
 * The directory and the report of a network (protocol.md section 9, ND1..ND9): a member's own profile, the
 * directory of those who consented, and the coordinator's network report.
 */
@Path("/api/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkMemberResource {

    private final NetworkDirectory directory;

    public NetworkMemberResource(NetworkDirectory directory) {
        this.directory = directory;
    }

    @PUT
    @Path("{networkId}/members/me")
    public Profile putProfile(@PathParam("networkId") String networkId,
            @HeaderParam("Authorization") String authorization,
            String json) {
        return directory.save(networkId, authorization, () -> {
            JsonNode body = StrictJson.parseObject(json);
            if (body == null) {
                throw new Rejected(ErrorCode.INVALID, "a JSON object with a name and shareInDirectory is needed");
            }
            return StrictJson.decode(body, ProfileInput.class);
        });
    }

    @GET
    @Path("{networkId}/members")
    public List<Profile> members(@PathParam("networkId") String networkId,
            @HeaderParam("Authorization") String authorization) {
        return directory.list(networkId, authorization);
    }

    @DELETE
    @Path("{networkId}/members/me")
    public Response deleteProfile(@PathParam("networkId") String networkId,
            @HeaderParam("Authorization") String authorization) {
        directory.delete(networkId, authorization);
        return Response.noContent().build();
    }

    @GET
    @Path("{networkId}/report")
    @Produces({ MediaType.APPLICATION_JSON, "text/markdown" })
    public Response report(@PathParam("networkId") String networkId, @QueryParam("format") String format,
            @HeaderParam("Authorization") String authorization) {
        String chosen = format == null ? "md" : format;
        directory.requireCoordinator(networkId, authorization);
        if (!chosen.equals("md") && !chosen.equals("json")) {
            throw new Rejected(ErrorCode.INVALID, "format must be md or json");
        }
        NetworkReport report = directory.report(networkId, authorization);
        return chosen.equals("json")
                ? Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build()
                : Response.ok(report.markdown(java.time.ZoneId.systemDefault()), "text/markdown; charset=UTF-8")
                        .build();
    }
}
