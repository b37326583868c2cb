package io.kring.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A server with {@code KRING_CALL_BASE_URL} set (CALL-rules): meetings and rooms get generated call links. */
public class WithCallBase implements QuarkusTestProfile {

    public static final String BASE = "https://meet.example.org/";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kring.call.base-url", BASE);
    }
}
