package io.kring.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("architecture principle 1: the domain core is plain Java")
class DomainPurityTest {

    @Test
    @DisplayName("io.kring.meeting imports no Quarkus, Jakarta, Vert.x or Jackson")
    void noFrameworkImports() throws IOException {
        Path sources = Path.of("src/main/java/io/kring/meeting");
        assertThat(sources).isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            assertThat(Files.readAllLines(file)).as(file.toString())
                    .noneMatch(line -> line.matches("\\s*import\\s+(static\\s+)?(io\\.quarkus|jakarta|javax|io\\.vertx"
                            + "|com\\.fasterxml|org\\.hibernate|io\\.smallrye)\\..*"));
        }
    }
}
