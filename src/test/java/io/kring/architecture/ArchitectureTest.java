package io.kring.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.meeting.MeetingCommand;
import io.kring.websocket.Protocol;

/** The shape rules of docs/architecture.md that a compiler does not check. */
class ArchitectureTest {

    @Test
    @DisplayName("the domain core imports no framework: no Quarkus, Jakarta, Vert.x, Jackson, Hibernate or Micrometer")
    void domainIsPlainJava() throws IOException {
        List<String> forbidden = List.of("io.quarkus", "jakarta.", "javax.", "io.vertx", "com.fasterxml",
                "org.hibernate", "io.micrometer", "io.smallrye", "io.kring.live", "io.kring.websocket",
                "io.kring.rest", "io.kring.persistence");
        try (java.util.stream.Stream<Path> files = Files.walk(Path.of("src/main/java/io/kring/meeting"))) {
            List<String> offending = files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream().filter(line -> line.startsWith("import "))
                            .filter(line -> forbidden.stream().anyMatch(line::contains))
                            .map(line -> f.getFileName() + ": " + line);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(offending).isEmpty();
        }
    }

    @Test
    @DisplayName("a part of the meeting (roster, agenda, floor, chat, breakout) imports no other part: it asks the Meeting")
    void partsStayApart() throws IOException {
        Path meeting = Path.of("src/main/java/io/kring/meeting");
        List<String> parts;
        try (java.util.stream.Stream<Path> dirs = Files.list(meeting)) {
            parts = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertThat(parts).contains("roster", "agenda", "floor", "chat", "breakout");
        List<String> offending = new java.util.ArrayList<>();
        for (String part : parts) {
            try (java.util.stream.Stream<Path> files = Files.walk(meeting.resolve(part))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(f)) {
                        parts.stream().filter(other -> !other.equals(part))
                                .filter(other -> line.startsWith("import ") && line.contains("io.kring.meeting." + other + "."))
                                .forEach(other -> offending.add(part + "/" + f.getFileName() + ": " + line));
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    @Test
    @DisplayName("every client command has exactly one wire name, and every wire name a client command")
    void everyClientCommandHasAWireName() {
        List<String> clientCommands = Arrays.stream(MeetingCommand.ClientCommand.class.getPermittedSubclasses())
                .map(Class::getName).toList();
        List<String> named = Protocol.COMMANDS.values().stream().map(Class::getName).toList();
        assertThat(clientCommands).hasSizeGreaterThan(30);
        assertThat(named).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(clientCommands);
    }
}
