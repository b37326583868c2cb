package io.kring.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** E3: the ids of deleted meetings behind a hello's 4410 stay bounded, the least recently used leaving first. */
class DeletedMeetingIdsTest {

    @Test
    @DisplayName("[E3] at most 10,000 deleted ids are kept; the least recently used is forgotten first")
    void boundedLeastRecentlyUsed() {
        DeletedMeetingIds deleted = new DeletedMeetingIds();
        for (int i = 0; i < DeletedMeetingIds.MAX_IDS; i++) {
            deleted.remember("meeting" + i);
        }
        assertThat(deleted.wasDeleted("meeting0")).as("looked up: used again").isTrue();
        deleted.remember("one-more");
        assertThat(deleted.size()).isEqualTo(DeletedMeetingIds.MAX_IDS);
        assertThat(deleted.wasDeleted("meeting0")).isTrue();
        assertThat(deleted.wasDeleted("meeting1")).as("the least recently used left").isFalse();
        assertThat(deleted.wasDeleted("one-more")).isTrue();
        assertThat(deleted.wasDeleted("never-deleted")).isFalse();
    }
}
