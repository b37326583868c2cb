package io.kring.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.kring.testing.Api;
import io.kring.testing.TestMeeting;
import io.kring.testing.TestParticipant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issue 10 finding 11 through the real stack: user text in the Markdown report renders as that text, never
 * as a link, an image, HTML or markup (protocol.md section 6, docs/meeting-rules.md L9). The report is
 * rendered with commonmark-java and GitHub's tables and autolinks, and every node is checked.
 */
@QuarkusTest
class ReportInjectionTest {

    /**
     * GFM tables and autolinks of web addresses. E-mail autolinks are left out: GFM links only ASCII
     * addresses, which the report's word joiner after {@code @} breaks, but commonmark-java links any
     * non-ASCII text around an {@code @}, so it would still show a (harmless) mailto: link there.
     */
    private static final List<Extension> GFM = List.of(TablesExtension.create(),
            AutolinkExtension.builder().linkTypes(AutolinkType.URL, AutolinkType.WWW).build());

    private static final String LINK = "[klik](https://evil.example/x)";
    private static final String IMAGE = "![p](https://attacker.example/p.png)";
    private static final String HTML = "<img src=x onerror=alert(1)>";
    private static final String BARE = "https://evil.example www.evil.example mail@evil.example";

    @Test
    @DisplayName("[L9, attack 11] names, organisations, chat, titles, topics, insights, announcements render as text")
    void userTextStaysText() {
        List<Map<String, Object>> agenda = List.of(Api.item("# Agenda " + LINK, 60), Api.item("- lijst " + IMAGE, 60));
        Api.Created created = Api.create("> Titel " + LINK, "nl", agenda);
        try (TestMeeting m = TestMeeting.of(created)) {
            TestParticipant mo = m.moderator("Mo **vet**");
            TestParticipant an = m.participant(IMAGE, HTML);
            TestParticipant bo = m.participant("1. Bo `code` _schuin_", "| kolom | " + LINK);
            m.participant("Anne-Marie", "R&D {team} #1");
            an.ack("chat.send", "text", LINK + " " + IMAGE + " " + HTML + " " + BARE);
            bo.ack("chat.send", "text", "# kop\n> citaat\n- lijst\n1. genummerd\n<https://evil.example>");
            mo.ack("meeting.announce", "text", "[aankondiging](https://evil.example) " + BARE);
            mo.ack("floor.give", "participantId", an.id());
            mo.ack("floor.end");
            mo.ack("agenda.next");
            mo.ack("breakout.open", "roomCount", 1, "strategy", "random", "durationSeconds", 600, "graceSeconds", 0,
                    "topics", List.of("Thema " + LINK + " " + HTML));
            an.awaitEvent("breakouts.opened");
            an.ack("insight.add", "text", "- " + IMAGE + " " + BARE + " *nadruk* \\" + LINK);
            mo.ack("breakout.close", "graceSeconds", 0);

            Response response = given().queryParam("format", "md").header("Authorization", "Bearer " + mo.who.token())
                    .when().get("/api/meetings/" + m.id() + "/report");
            assertThat(response.statusCode()).isEqualTo(200);
            String md = response.asString();
            Node document = Parser.builder().extensions(GFM).build().parse(md);

            List<String> offending = new ArrayList<>();
            List<String> headings = new ArrayList<>();
            List<String> strong = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(Link link) {
                    offending.add("link to " + link.getDestination());
                }

                @Override
                public void visit(Image image) {
                    offending.add("image of " + image.getDestination());
                }

                @Override
                public void visit(HtmlInline html) {
                    offending.add("HTML " + html.getLiteral());
                }

                @Override
                public void visit(HtmlBlock html) {
                    offending.add("HTML block " + html.getLiteral());
                }

                @Override
                public void visit(BlockQuote quote) {
                    offending.add("a quote");
                }

                @Override
                public void visit(OrderedList list) {
                    offending.add("a numbered list");
                }

                @Override
                public void visit(Code code) {
                    offending.add("code " + code.getLiteral());
                }

                @Override
                public void visit(Emphasis emphasis) {
                    offending.add("emphasis");
                }

                @Override
                public void visit(StrongEmphasis emphasis) {
                    strong.add(literal(emphasis));
                    visitChildren(emphasis);
                }

                @Override
                public void visit(Heading heading) {
                    headings.add(heading.getLevel() + " " + literal(heading));
                    visitChildren(heading);
                }

                @Override
                public void visit(BulletList list) {
                    // The report's own lists are flat, except the insights under "Insights:".
                    Node parent = list.getParent();
                    if (parent != null && parent.getParent() instanceof BulletList outer
                            && outer.getParent() instanceof BulletList) {
                        offending.add("a list inside a list item");
                    }
                    visitChildren(list);
                }

                @Override
                public void visit(Text node) {
                    text.append(node.getLiteral()).append(' ');
                }
            });
            assertThat(md).as("nothing else is escaped").contains("| Anne-Marie | R&D {team} #1 |");
            assertThat(offending).as("markup from user text in:\n%s", md).isEmpty();
            assertThat(headings).as("only the report's own headings").allSatisfy(h -> assertThat(h)
                    .matches("(1 Verslag: .*|2 .*|3 Ronde .*|4 Groep 1: .*)"));
            assertThat(headings.get(0)).isEqualTo("1 Verslag: > Titel " + LINK);
            assertThat(strong).as("only the names in the chat are bold").allSatisfy(s -> assertThat(s)
                    .isIn(IMAGE, "1. Bo `code` _schuin_"));
            String shown = text.toString().replace("\u2060", "");
            assertThat(shown).contains(LINK, IMAGE, HTML, BARE, "# Agenda ", "- lijst ", "| kolom | ",
                    "# kop > citaat - lijst 1. genummerd <https://evil.example>", "*nadruk* \\" + LINK);
        }
    }

    private static String literal(Node node) {
        StringBuilder literal = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                literal.append(text.getLiteral());
            }
        });
        return literal.toString().replace("\u2060", "");
    }
}
