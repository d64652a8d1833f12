package io.toolsmith.ui.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkPolicyTest {

    @Test
    void opensOnlyWebAndMailLinks() {
        List<String> opened = new ArrayList<>();
        LinkPolicy links = new LinkPolicy(opened::add, () -> true);
        assertTrue(links.open("https://ollama.com"));
        assertTrue(links.open("mailto:me@example.org"));
        assertTrue(links.open("HTTP://EXAMPLE.ORG"));
        assertFalse(links.open("file:///etc/passwd"));
        assertFalse(links.open("javascript:alert(1)"));
        assertFalse(links.open("relative/path"));
        assertFalse(links.open("http://bad host"));
        assertEquals(List.of("https://ollama.com", "mailto:me@example.org", "HTTP://EXAMPLE.ORG"), opened);
    }
}
