package io.kring.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A fresh meeting for one test, and everyone connected to it: {@code try (TestMeeting m = TestMeeting.create())}.
 * Closing it closes every socket the test opened through it.
 */
public final class TestMeeting implements AutoCloseable {

    public final Api.Created created;
    private final List<TestParticipant> sockets = new ArrayList<>();

    private TestMeeting(Api.Created created) {
        this.created = created;
    }

    public static TestMeeting create() {
        return new TestMeeting(Api.create("Lerend netwerk", "en", List.of()));
    }

    public static TestMeeting create(String language, List<Map<String, Object>> agenda) {
        return new TestMeeting(Api.create("Lerend netwerk", language, agenda));
    }

    /** The sockets of a meeting the test created itself. */
    public static TestMeeting of(Api.Created created) {
        return new TestMeeting(created);
    }

    public String id() {
        return created.meetingId();
    }

    /** Joins a moderator (with the key) and connects them, until their coming online was told. */
    public TestParticipant moderator(String name) {
        return settled(connect(Api.joinAsModerator(created, name)));
    }

    /** Joins a participant (no organisation) and connects them, until their coming online was told. */
    public TestParticipant participant(String name) {
        return settled(connect(Api.join(id(), name)));
    }

    public TestParticipant participant(String name, String organisation) {
        return settled(connect(Api.join(id(), name, organisation)));
    }

    /**
     * Waits for the presence event of a first connection (meeting-rules P8: told up to 100 ms after
     * the welcome), so that the {@code seq} a test reads next is not moved by it.
     */
    private static TestParticipant settled(TestParticipant socket) {
        boolean assignedToARoom = !socket.welcome().path("state").path("you").path("roomId").isNull();
        if (assignedToARoom) {
            // A late joiner's connect moved them into a room: stored and told at once, before the welcome.
            return socket;
        }
        socket.awaitEvent("presence.changed", data -> {
            for (JsonNode id : data.path("online")) {
                if (id.asText().equals(socket.id())) {
                    return true;
                }
            }
            return false;
        });
        return socket;
    }

    public Api.Joined join(String name) {
        return Api.join(id(), name);
    }

    /** A new connection (tab) of someone who joined; waits for its welcome. */
    public TestParticipant connect(Api.Joined who) {
        TestParticipant socket = TestParticipant.connect(who);
        sockets.add(socket);
        return socket;
    }

    /** A raw socket to this meeting, no hello said. */
    public TestParticipant open() {
        TestParticipant socket = TestParticipant.open(id());
        sockets.add(socket);
        return socket;
    }

    /** A fresh welcome's snapshot for {@code who}, on a connection closed right after. */
    public JsonNode freshState(Api.Joined who) {
        try (TestParticipant tab = TestParticipant.connect(who)) {
            return tab.welcome().path("state");
        }
    }

    @Override
    public void close() {
        for (TestParticipant socket : sockets) {
            socket.close();
        }
    }
}
