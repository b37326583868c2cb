package io.kring.directory;

import static io.kring.directory.NetworkFixture.deleteProfile;
import static io.kring.directory.NetworkFixture.members;
import static io.kring.directory.NetworkFixture.profile;
import static io.kring.directory.NetworkFixture.putProfile;
import static io.kring.directory.NetworkFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.kring.directory.NetworkFixture.Member;
import io.kring.directory.NetworkFixture.Network;
import io.kring.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** ND1..ND7: profiles, consent, the directory and deleting a profile, through real HTTP and PostgreSQL. */
@QuarkusTest
class DirectoryTest {

    @Inject
    DataSource dataSource;

    private static String code(Response response, int status) {
        return Api.json(response, status).path("error").path("code").asText();
    }

    private static List<String> names(Response response) {
        List<String> names = new ArrayList<>();
        Api.json(response, 200).forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    @Test
    @DisplayName("[ND1] no or a bad token is 401; a wrong or another network's coordinator key is 403 on the directory and the report, 401 on members/me; the coordinator has no profile (403) and members no report (403); an unknown network is 404")
    void whoMayDoWhat() {
        Network network = NetworkFixture.create("Buurtnetwerk", "nl");
        Network other = NetworkFixture.create("Ander netwerk", "nl");
        String meetingId = NetworkFixture.planMeeting(network, "Eerste keer");
        Member els = NetworkFixture.join(meetingId, "Els", "Gemeente", null);
        Member stranger = NetworkFixture.join(NetworkFixture.planMeeting(other, "Elders"), "Vreemde", null, null);
        assertThat(els.memberToken()).isNotBlank();
        String id = network.networkId();
        String body = profile("Els", "Gemeente", "els@example.org", true);

        for (String bearer : new String[] { null, "", els.memberId() + ".nope", stranger.memberToken(), "x.y.z" }) {
            assertThat(code(putProfile(id, bearer, body), 401)).as("PUT with %s", bearer).isEqualTo("UNAUTHORIZED");
            assertThat(code(members(id, bearer), 401)).as("GET with %s", bearer).isEqualTo("UNAUTHORIZED");
            assertThat(code(deleteProfile(id, bearer), 401)).as("DELETE with %s", bearer).isEqualTo("UNAUTHORIZED");
            assertThat(code(report(id, bearer, "json"), 401)).as("report with %s", bearer).isEqualTo("UNAUTHORIZED");
        }
        for (String bearer : new String[] { other.coordinatorKey(), "wrong-key", "garbage",
                network.coordinatorKey() + "x" }) {
            assertThat(code(members(id, bearer), 403)).as("GET with %s", bearer).isEqualTo("FORBIDDEN");
            assertThat(code(report(id, bearer, "md"), 403)).as("report with %s", bearer).isEqualTo("FORBIDDEN");
            // members/me takes only a member token: any other bearer is no valid credential there
            assertThat(code(putProfile(id, bearer, body), 401)).as("PUT with %s", bearer).isEqualTo("UNAUTHORIZED");
            assertThat(code(deleteProfile(id, bearer), 401)).as("DELETE with %s", bearer).isEqualTo("UNAUTHORIZED");
        }
        assertThat(code(putProfile(id, network.coordinatorKey(), body), 403)).as("the coordinator has no profile")
                .isEqualTo("FORBIDDEN");
        assertThat(code(deleteProfile(id, network.coordinatorKey()), 403)).isEqualTo("FORBIDDEN");
        assertThat(code(report(id, els.memberToken(), "json"), 403)).as("a member reads no report").isEqualTo("FORBIDDEN");
        assertThat(code(report(id, network.coordinatorKey(), "pdf"), 400)).isEqualTo("INVALID");
        assertThat(code(report(id, els.memberToken(), "pdf"), 403)).as("who before what").isEqualTo("FORBIDDEN");
        for (String unknown : new String[] { "nosuchnetwork", "bad%20id" }) {
            assertThat(code(members(unknown, els.memberToken()), 404)).isEqualTo("NOT_FOUND");
            assertThat(code(putProfile(unknown, els.memberToken(), body), 404)).isEqualTo("NOT_FOUND");
        }
        assertThat(members(id, network.coordinatorKey()).statusCode()).isEqualTo(200);
        assertThat(putProfile(id, els.memberToken(), body).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("[ND2, ND3] PUT takes strict JSON within the field limits and answers the whole profile; absent fields are null; it replaces the profile")
    void profileRules() {
        Network network = NetworkFixture.create("Leernetwerk", "en");
        Member els = NetworkFixture.join(NetworkFixture.planMeeting(network, "One"), "Els", "City", null);
        String id = network.networkId();
        String token = els.memberToken();
        for (String bad : new String[] { "", "[]", "{\"name\":\"Els\"}", "{\"name\":\"Els\",\"shareInDirectory\":\"true\"}",
                "{\"name\":\"Els\",\"shareInDirectory\":1}", "{\"name\":\"Els\",\"shareInDirectory\":true,\"shareInDirectory\":false}",
                "{\"name\":\"Els\",\"shareInDirectory\":true} {}", "{\"name\":42,\"shareInDirectory\":true}",
                "{\"name\":\"\",\"shareInDirectory\":true}", "{\"name\":\"\u200B\",\"shareInDirectory\":true}",
                "{\"name\":\"Els\",\"function\":\"" + "f".repeat(81) + "\",\"shareInDirectory\":true}",
                "{\"name\":\"Els\",\"email\":\"not-an-address\",\"shareInDirectory\":true}",
                "{\"name\":\"Els\",\"phone\":\"" + "1".repeat(41) + "\",\"shareInDirectory\":true}",
                "{\"name\":\"Els\",\"offer\":\"" + "o".repeat(501) + "\",\"shareInDirectory\":true}",
                "{\"name\":\"Els\",\"ask\":\"line\\nbreak\",\"shareInDirectory\":true}",
                "{\"name\":\"Els\",\"email\":[\"els@example.org\"],\"shareInDirectory\":true}" }) {
            assertThat(code(putProfile(id, token, bad), 400)).as(bad).isEqualTo("INVALID");
        }
        assertThat(code(io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .contentType("application/x-www-form-urlencoded").body("name=Els&shareInDirectory=true").when()
                .put("/api/networks/" + id + "/members/me"), 400)).as("no form").isEqualTo("INVALID");
        assertThat(io.restassured.RestAssured.given().header("Authorization", "Bearer " + token)
                .contentType("text/plain;charset=UTF-8").body(profile("Els", "City", "els@example.org", true)).when()
                .put("/api/networks/" + id + "/members/me").statusCode()).as("fetch's text/plain is JSON too").isEqualTo(200);
        JsonNode saved = Api.json(putProfile(id, token, profile(" Els de Vries ", "City", "els@example.org", false)), 200);
        assertThat(saved.path("memberId").asText()).isEqualTo(els.memberId());
        assertThat(saved.path("name").asText()).isEqualTo("Els de Vries");
        assertThat(saved.path("organisation").asText()).isEqualTo("City");
        assertThat(saved.path("function").asText()).isEqualTo("Beleidsmedewerker");
        assertThat(saved.path("email").asText()).isEqualTo("els@example.org");
        assertThat(saved.path("phone").asText()).isEqualTo("+31 6 1234 5678");
        assertThat(saved.path("offer").asText()).isEqualTo("Ervaring met buurtbudgetten");
        assertThat(saved.path("ask").asText()).isEqualTo("Wie kent een goede subsidieregeling?");
        assertThat(saved.path("shareInDirectory").asBoolean()).isFalse();

        JsonNode replaced = Api.json(putProfile(id, token, "{\"name\":\"Els\",\"shareInDirectory\":true,\"extra\":1}"), 200);
        for (String field : new String[] { "organisation", "function", "email", "phone", "offer", "ask" }) {
            assertThat(replaced.has(field)).as(field).isTrue();
            assertThat(replaced.get(field).isNull()).as("%s absent is null", field).isTrue();
        }
        assertThat(replaced.path("shareInDirectory").asBoolean()).isTrue();
        JsonNode listed = Api.json(members(id, network.coordinatorKey()), 200);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0)).isEqualTo(replaced);
    }

    @Test
    @DisplayName("[ND4, ND5] consent is off until set; the directory shows only members who share (plus yourself), ordered by name, to members and the coordinator")
    void directoryByConsent() throws SQLException {
        Network network = NetworkFixture.create("Zorgnetwerk", "nl");
        String meetingId = NetworkFixture.planMeeting(network, "Kennismaking");
        Member zoe = NetworkFixture.join(meetingId, "Zoë", "Huisartsen", null);
        Member bram = NetworkFixture.join(meetingId, "Bram", "Wijkteam", null);
        Member anna = NetworkFixture.join(meetingId, "anna", "Gemeente", null);
        String id = network.networkId();

        assertThat(names(members(id, network.coordinatorKey()))).as("[ND4] nobody shares by default").isEmpty();
        assertThat(names(members(id, bram.memberToken()))).as("yourself only").containsExactly("Bram");
        assertThat(sharing(bram.memberId())).isFalse();

        Api.json(putProfile(id, zoe.memberToken(), profile("Zoë", "Huisartsen", "zoe@example.org", true)), 200);
        Api.json(putProfile(id, bram.memberToken(), profile("Bram", "Wijkteam", "bram-secret@example.org", false)), 200);
        Api.json(putProfile(id, anna.memberToken(), profile("anna", "Gemeente", "anna@example.org", true)), 200);

        assertThat(names(members(id, network.coordinatorKey()))).containsExactly("anna", "Zoë");
        assertThat(names(members(id, zoe.memberToken()))).containsExactly("anna", "Zoë");
        assertThat(names(members(id, bram.memberToken()))).as("Bram sees himself, not sharing").containsExactly("anna",
                "Bram", "Zoë");
        for (String reader : new String[] { network.coordinatorKey(), zoe.memberToken(), anna.memberToken() }) {
            assertThat(members(id, reader).asString()).as("[ND5] nothing of Bram").doesNotContain("Bram", "bram-secret",
                    bram.memberId());
        }
        JsonNode annaSeen = Api.json(members(id, zoe.memberToken()), 200).get(0);
        assertThat(annaSeen.path("email").asText()).isEqualTo("anna@example.org");
        assertThat(annaSeen.path("memberId").asText()).isEqualTo(anna.memberId());

        Api.json(putProfile(id, zoe.memberToken(), profile("Zoë", "Huisartsen", "zoe@example.org", false)), 200);
        assertThat(names(members(id, network.coordinatorKey()))).as("consent withdrawn").containsExactly("anna");
        assertThat(code(members(NetworkFixture.create("Leeg", "nl").networkId(), zoe.memberToken()), 401))
                .as("a member token of another network").isEqualTo("UNAUTHORIZED");
    }

    /**
     * ND6, ND7: DELETE removes the row; the SQL check looks for the profile's texts anywhere in the network's tables
     * and the meeting events.
     */
    @Test
    @DisplayName("[ND6, ND7] DELETE removes the profile and consent from the database; the token stops working")
    void deleteIsGone() throws SQLException {
        Network network = NetworkFixture.create("Privacynetwerk", "nl");
        String meetingId = NetworkFixture.planMeeting(network, "Eén");
        Member kim = NetworkFixture.join(meetingId, "Kim Vergeetmij", "Vergeet BV", null);
        Member lot = NetworkFixture.join(meetingId, "Lot", "Blijft", null);
        String id = network.networkId();
        String body = "{\"name\":\"Kim Vergeetmij\",\"organisation\":\"Vergeet BV\",\"function\":\"Functie-wis\","
                + "\"email\":\"kim.wis@example.org\",\"phone\":\"0612-WIS\",\"offer\":\"Aanbod-wis\","
                + "\"ask\":\"Vraag-wis\",\"shareInDirectory\":true}";
        Api.json(putProfile(id, kim.memberToken(), body), 200);
        Api.json(putProfile(id, lot.memberToken(), profile("Lot", "Blijft", "lot@example.org", true)), 200);
        assertThat(names(members(id, lot.memberToken()))).containsExactly("Kim Vergeetmij", "Lot");

        assertThat(deleteProfile(id, kim.memberToken()).statusCode()).isEqualTo(204);

        assertThat(code(members(id, kim.memberToken()), 401)).as("the token stops working").isEqualTo("UNAUTHORIZED");
        assertThat(code(putProfile(id, kim.memberToken(), body), 401)).isEqualTo("UNAUTHORIZED");
        assertThat(code(deleteProfile(id, kim.memberToken()), 401)).isEqualTo("UNAUTHORIZED");
        assertThat(names(members(id, lot.memberToken()))).containsExactly("Lot");
        assertThat(names(members(id, network.coordinatorKey()))).containsExactly("Lot");

        try (Connection connection = dataSource.getConnection()) {
            assertThat(count(connection, "select count(*) from network_member where member_id = ?", kim.memberId()))
                    .as("[ND6] the row is gone").isZero();
            for (String text : new String[] { "Functie-wis", "kim.wis@example.org", "0612-WIS", "Aanbod-wis",
                    "Vraag-wis" }) {
                assertThat(count(connection, "select count(*) from network_member m where m::text like '%' || ? || '%'",
                        text)).as("no member row holds %s", text).isZero();
                assertThat(count(connection, "select count(*) from meeting_event e where e.payload like '%' || ? || '%'",
                        text)).as("[ND7] no meeting event holds %s", text).isZero();
            }
            for (String text : new String[] { "Kim Vergeetmij", "Vergeet BV" }) {
                assertThat(count(connection, "select count(*) from network_member m where m::text like '%' || ? || '%'",
                        text)).as("no member row holds the name or organisation %s", text).isZero();
            }
            assertThat(count(connection, "select count(*) from network_member where member_id = ?", lot.memberId()))
                    .isEqualTo(1);
        }
        assertThat(code(Api.postJson("/api/meetings/" + meetingId + "/participants",
                java.util.Map.of("name", "Kim", "memberToken", kim.memberToken())), 401))
                .as("a deleted member's token does not join").isEqualTo("UNAUTHORIZED");
    }

    private boolean sharing(String memberId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select share_in_directory from network_member where member_id = ?")) {
            query.setString(1, memberId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBoolean(1);
            }
        }
    }

    private static long count(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
