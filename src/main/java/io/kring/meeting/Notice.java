package io.kring.meeting;

import java.util.List;

/**
 * What one event tells the participants: its wire name and one or more deliveries, each a payload
 * for a disjoint audience (for instance a round's close: the rooms with the plenary chat to who was in a
 * room, the rooms alone to the others). Each delivery is serialized once, whatever the audience's size.
 */
public record Notice(String name, List<Delivery> deliveries) {

    public record Delivery(Audience audience, Object data) {
    }

    static Notice toEveryone(String name, Object data) {
        return new Notice(name, List.of(new Delivery(Audience.EVERYONE, data)));
    }
}
