package io.kring.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class KringConfigTest {

    @Inject
    KringConfig config;

    @Test
    void theTestProfileKeepsItsDataOutOfTheDefaultDataDirectory() {
        assertThat(config.dataDir()).isEqualTo("target/test-data");
        assertThat(config.embeddedPostgres().enabled()).isTrue();
        assertThat(config.embeddedPostgres().temporary()).isTrue();
    }

    @Test
    void theBannerNamesTheLocalUrl() {
        assertThat(ReadyBanner.message(8080)).isEqualTo("Kring is ready: http://localhost:8080/");
    }
}
