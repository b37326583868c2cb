package io.kring.browser;

/** A participant in a real Chromium, for the cluster tests of another package (io.kring.cluster.ClusterIT). */
public final class ClusterBrowser implements AutoCloseable {

    private final Browser browser;

    private ClusterBrowser(Browser browser) {
        this.browser = browser;
    }

    public static boolean available() {
        return Browser.available();
    }

    /** Opens the join link of an English meeting, joins as {@code name} and waits until connected. */
    public static ClusterBrowser join(String joinUrl, String name) {
        Browser browser = Browser.open(name, 1280, 900);
        try {
            browser.get(joinUrl);
            browser.type("Your name", name);
            browser.click("Join");
            browser.text("Connected");
            return new ClusterBrowser(browser);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /** Waits until the page shows {@code text}. */
    public void sees(String text) {
        browser.text(text);
    }

    @Override
    public void close() {
        browser.close();
    }
}
