package io.toolsmith.ui.bench;

import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.functions.ExampleRunner;
import io.toolsmith.functions.Review;
import io.toolsmith.llm.ModelInfo;
import io.toolsmith.sandbox.Isolation;
import io.toolsmith.conversation.Message;
import io.toolsmith.ui.data.ActivityFeed;
import io.toolsmith.ui.data.DataBrowser;
import io.toolsmith.ui.data.DataContent;
import io.toolsmith.ui.functions.FunctionCatalog;
import io.toolsmith.ui.settings.SettingsForm;
import io.toolsmith.ui.settings.SettingsGateway;
import io.toolsmith.ui.window.ConversationCatalog;
import io.toolsmith.ui.window.ModelCatalog;
import io.toolsmith.ui.window.UiServices;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The window's services for {@code toolsmith bench ui}: a small chat shown first, a large chat
 * of mixed Markdown (code blocks, tables, call cards, function results) to open, and empty
 * function, data and activity lists. Read-only; nothing is written anywhere.
 */
public final class SyntheticServices {
    public static final String SMALL_ID = "bench-small";
    public static final String LARGE_ID = "bench-large";

    private SyntheticServices() {
    }

    public static UiServices create(SyntheticChatEngine engine, int messages) {
        List<Message> large = largeChat(messages);
        ConversationCatalog store = new ConversationCatalog() {
            @Override
            public List<ChatSummary> list() {
                return List.of(new ChatSummary(SMALL_ID, "Small chat", Instant.now(), 2),
                        new ChatSummary(LARGE_ID, messages + " messages", Instant.now(), messages));
            }

            @Override
            public ChatSummary create(String title) {
                return new ChatSummary("bench-new", title, Instant.now(), 0);
            }

            @Override
            public void rename(String id, String title) {
            }

            @Override
            public void delete(String id) {
            }

            @Override
            public void restore(String id) {
            }

            @Override
            public List<Message> messages(String id) {
                return id.equals(LARGE_ID) ? large : List.of(Message.user("Hello", List.of()));
            }

            @Override
            public List<Path> images(Message message) {
                return List.of();
            }

            @Override
            public void export(String id, ExportFormat format, Path target) {
            }
        };
        ModelCatalog models = new ModelCatalog() {
            @Override
            public List<ModelInfo> models() {
                return List.of(new ModelInfo("bench-model", 0, null, null, "synthetic", null, Set.of("completion", "tools")));
            }

            @Override
            public String host() {
                return "synthetic";
            }
        };
        return new UiServices(engine, models, store, new EmptyFunctions(), new EmptyData(), ActivityFeed.EMPTY,
                new Settings(), () -> new Isolation("benchmark", "none", false, null), url -> { }, "bench-model");
    }

    /** Mixed content, cycling through six kinds of message. */
    static List<Message> largeChat(int count) {
        List<Message> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String text = switch (i % 6) {
                case 0 -> "How much did I spend on **travel** in week " + i + "?";
                case 1 -> "Let me look.\n\n```function_call\n{\"id\": \"call_" + i + "\", \"name\": \"sum_expenses\","
                        + " \"arguments\": {\"category\": \"Travel\", \"week\": " + i + "}}\n```\n";
                case 2 -> "```function_output\n{\"id\": \"call_" + (i - 1) + "\", \"result\": {\"total\": 300.0}}\n```\n";
                case 3 -> "## Week " + i + "\n\n| category | amount |\n|---|---:|\n| Travel | 300.0 |\n| Food | 42.5 |\n\n"
                        + "You spent *300.0* on travel. See <https://example.org/help>.";
                case 4 -> "Can you write a function for the **monthly** totals?";
                default -> "Here it is:\n\n```python\ndef monthly_totals(rows):\n    totals = {}\n    for r in rows:\n"
                        + "        totals[r['month']] = totals.get(r['month'], 0) + r['amount']\n    return totals\n```\n\n"
                        + "- groups by month\n- returns a dict";
            };
            list.add(switch (i % 6) {
                case 0, 4 -> Message.user(text, List.of());
                case 2 -> Message.functionOutputs(text);
                default -> Message.assistant(text, false, 0);
            });
        }
        return List.copyOf(list);
    }

    private static final class EmptyFunctions implements FunctionCatalog {
        public List<Review> list() {
            return List.of();
        }

        public void approve(String functionId, boolean allowNetwork) {
        }

        public void reject(String functionId) {
        }

        public void revoke(String functionId) {
        }

        public ExampleRunner.Trial tryExamples(String functionId) {
            return new ExampleRunner.Trial(List.of(), List.of());
        }

        public void askForSpec(String functionId) {
        }

        public Runnable onChange(Runnable listener) {
            return () -> { };
        }
    }

    private static final class EmptyData implements DataBrowser {
        public List<DataFile> files() {
            return List.of();
        }

        public DataContent read(String relativePath) {
            return new DataContent.Table(List.of(), List.of());
        }

        public void export(String relativePath, Path target) {
        }

        public List<Snapshot> snapshots() {
            return List.of();
        }

        public void undo(String snapshotId) {
        }

        public Runnable onChange(Runnable listener) {
            return () -> { };
        }
    }

    private static final class Settings implements SettingsGateway {
        public SettingsForm load() {
            return new SettingsForm(io.toolsmith.settings.Settings.defaults().withTheme(io.toolsmith.settings.Theme.LIGHT),
                    "http://127.0.0.1:11434", Map.of(), "data", null);
        }

        public void save(SettingsForm settings) {
        }

        public String defaultPrompt(String name) {
            return "";
        }
    }
}
