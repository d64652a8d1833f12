package io.toolsmith.ui.bench;

import com.sun.javafx.perf.PerformanceTracker;
import io.toolsmith.cli.UiBenchResult;
import io.toolsmith.cli.WindowBenchmark;
import io.toolsmith.ui.AppContext;
import io.toolsmith.ui.chat.ChatState;
import io.toolsmith.ui.chat.ChatViewModel;
import io.toolsmith.ui.theme.AppTheme;
import io.toolsmith.conversation.ChatSummary;
import io.toolsmith.util.UserFacingException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Runs the real window (offscreen on Monocle's headless platform when it is on the class path, as in the tests;
 * else on this machine's display) in this JVM and measures
 * cold start to the first painted frame, opening a large chat, frame gaps while a reply streams
 * and while the chat scrolls up through its history, and resident memory. The calling thread waits; all window work happens on the FX thread.
 * The toolkit can start once per JVM, so this runs once per process ({@code bench ui} starts that process the way
 * the app is launched, and finds this class as its {@link WindowBenchmark} service).
 */
public final class UiBenchmark implements WindowBenchmark {
    /** A class of Monocle, the headless glass platform; the product leaves it out, the tests bring it. */
    private static final String MONOCLE = "com.sun.glass.ui.monocle.MonoclePlatformFactory";
    private static final long WAIT_SECONDS = 60;
    private static final int SCROLL_FRAMES = 120;
    private static final double SCROLL_PIXELS = 120;
    private int messages;
    private int tokensPerSecond;
    private long streamMillis;
    private AppContext context;
    private Stage stage;

    /** Whether the headless platform can be used: Monocle is on the class path. */
    public static boolean headlessPlatformPresent() {
        try {
            Class.forName(MONOCLE, false, UiBenchmark.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Windows and macOS always have a display; elsewhere X11 or Wayland must be named in the environment. */
    @Override
    public Optional<String> unavailable(Map<String, String> environment) {
        return unavailable(headlessPlatformPresent(), System.getProperty("os.name", ""), environment);
    }

    static Optional<String> unavailable(boolean headless, String osName, Map<String, String> environment) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (headless || os.startsWith("windows") || os.startsWith("mac")
                || environment.containsKey("DISPLAY") || environment.containsKey("WAYLAND_DISPLAY")) {
            return Optional.empty();
        }
        return Optional.of("Measuring the window needs a display, and none is set (neither DISPLAY nor WAYLAND_DISPLAY)."
                + " Run toolsmith bench ui in a desktop session.");
    }

    /**
     * Selects the headless platform when it is there; must run before the toolkit starts. Keeps values already
     * set. Without Monocle the toolkit opens the window on the display.
     */
    public static void useHeadlessPlatform() {
        if (!headlessPlatformPresent()) {
            return;
        }
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
        System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        System.setProperty("prism.text", System.getProperty("prism.text", "t2k"));
        System.setProperty("java.awt.headless", "true");
    }

    @Override
    public UiBenchResult run(int messages, int tokensPerSecond, long streamMillis, long processStart)
            throws UserFacingException {
        this.messages = messages;
        this.tokensPerSecond = tokensPerSecond;
        this.streamMillis = streamMillis;
        useHeadlessPlatform();
        long jvmStart = processStart > 0 ? processStart : ManagementFactory.getRuntimeMXBean().getStartTime();
        try (SyntheticChatEngine engine = new SyntheticChatEngine(tokensPerSecond, streamMillis)) {
            CompletableFuture<Void> started = new CompletableFuture<>();
            io.toolsmith.ui.ToolsmithWindow.quietJavaFxStartup();
            Platform.startup(() -> started.complete(null));
            await(started);
            CompletableFuture<Long> firstFrame = new CompletableFuture<>();
            Platform.runLater(() -> openWindow(engine, jvmStart, firstFrame));
            long coldStart = await(firstFrame);
            await(onFx(this::whenSmallChatShown));
            long open = await(onFx(this::openLargeChat));
            StreamFigures stream = await(onFx(this::streamReply));
            long rss = residentMb();
            ScrollFigures scroll = await(onFx(this::scrollUp));
            int[] counts = await(onFx(() -> CompletableFuture.completedFuture(countChatNodes())));
            await(onFx(() -> {
                context.close();
                stage.close();
                return CompletableFuture.completedFuture(null);
            }));
            Platform.exit();
            return new UiBenchResult(messages, coldStart, open, tokensPerSecond, engine.tokensStreamed(),
                    stream.seconds, stream.frames, stream.longestFrame, stream.longestLayout, stream.over50,
                    stream.longestFxCpu, stream.longestRenderCpu, scroll.frames, scroll.rows, scroll.longestFrame,
                    scroll.over50, scroll.longestFxCpu, rss, counts[0], counts[1]);
        }
    }

    private void openWindow(SyntheticChatEngine engine, long jvmStart, CompletableFuture<Long> firstFrame) {
        Platform.setImplicitExit(false);
        context = new AppContext(SyntheticServices.create(engine, messages), AppTheme.LIGHT);
        stage = new Stage();
        Scene scene = context.show(stage, 1280, 800);
        // the toolkit's frame tracker reports when the renderer has finished painting a frame
        // (on the render thread); only the first one counts
        PerformanceTracker tracker = PerformanceTracker.getSceneTracker(scene);
        tracker.setOnRenderedFrameTask(() -> {
            if (firstFrame.complete(System.currentTimeMillis() - jvmStart)) {
                Platform.runLater(() -> {
                    tracker.setOnRenderedFrameTask(null);
                    PerformanceTracker.releaseSceneTracker(scene);
                });
            }
        });
        Platform.requestNextPulse();
    }

    private CompletableFuture<Void> whenSmallChatShown() {
        CompletableFuture<Void> shown = new CompletableFuture<>();
        AnimationTimer poll = new AnimationTimer() {
            @Override
            public void handle(long now) {
                ChatViewModel chat = context.window().chatView().chat();
                if (chat != null && chat.conversationId().equals(SyntheticServices.SMALL_ID) && !chat.messages().isEmpty()) {
                    stop();
                    shown.complete(null);
                }
            }
        };
        poll.start();
        return shown;
    }

    private CompletableFuture<Long> openLargeChat() {
        CompletableFuture<Long> opened = new CompletableFuture<>();
        long start = System.nanoTime();
        ChatSummary large = context.conversations().shown().stream()
                .filter(c -> c.id().equals(SyntheticServices.LARGE_ID)).findFirst().orElseThrow();
        context.conversations().selectedProperty().set(large);
        ChatViewModel chat = context.window().chatView().chat();
        Scene scene = context.window().getScene();
        // opened = the list shows the end of the chat (its last row laid out on screen)
        ListView<?> list = context.window().chatView().list();
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            var last = flow.getLastVisibleCell();
            if (last == null || last.getIndex() != list.getItems().size() - 1) {
                Platform.requestNextPulse();
                return;
            }
            scene.removePostLayoutPulseListener(once[0]);
            opened.complete((System.nanoTime() - start) / 1_000_000);
        };
        ListChangeListener<Object> loaded = new ListChangeListener<>() {
            @Override
            public void onChanged(Change<?> c) {
                if (chat.messages().size() >= messages) {
                    chat.messages().removeListener(this);
                    scene.addPostLayoutPulseListener(once[0]);
                    Platform.requestNextPulse();
                }
            }
        };
        chat.messages().addListener(loaded);
        if (chat.messages().size() >= messages) {
            scene.addPostLayoutPulseListener(once[0]);
            Platform.requestNextPulse();
        }
        return opened;
    }

    private record StreamFigures(double seconds, int frames, double longestFrame, double longestLayout, int over50,
                                 double longestFxCpu, double longestRenderCpu) {
    }

    private CompletableFuture<StreamFigures> streamReply() {
        CompletableFuture<StreamFigures> done = new CompletableFuture<>();
        ChatViewModel chat = context.window().chatView().chat();
        Scene scene = context.window().getScene();
        long[] layoutStart = {0};
        double[] longestLayout = {0};
        Runnable pre = () -> layoutStart[0] = System.nanoTime();
        Runnable post = () -> longestLayout[0] = Math.max(longestLayout[0], (System.nanoTime() - layoutStart[0]) / 1e6);
        FrameTimer frames = new FrameTimer();
        scene.addPreLayoutPulseListener(pre);
        scene.addPostLayoutPulseListener(post);
        long start = System.nanoTime();
        chat.stateProperty().addListener((obs, old, now) -> {
            if (now == ChatState.IDLE && !done.isDone()) {
                frames.stop();
                scene.removePreLayoutPulseListener(pre);
                scene.removePostLayoutPulseListener(post);
                done.complete(new StreamFigures((System.nanoTime() - start) / 1e9, frames.count, frames.longest,
                        longestLayout[0], frames.over50, frames.longestFxCpu, frames.longestRenderCpu));
            }
        });
        frames.start();
        chat.draftProperty().set("Sum my travel expenses and show the code.");
        chat.send();
        return done;
    }

    private record ScrollFigures(int frames, int rows, double longestFrame, int over50, double longestFxCpu) {
    }

    /**
     * Scrolls the large chat up through its history, {@link #SCROLL_PIXELS} a frame for
     * {@link #SCROLL_FRAMES} frames (as a fast mouse wheel would), timing the frames: rows come into
     * view that were never laid out, so this is where virtualization and row measuring show.
     */
    private CompletableFuture<ScrollFigures> scrollUp() {
        CompletableFuture<ScrollFigures> done = new CompletableFuture<>();
        ListView<?> list = context.window().chatView().list();
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        FrameTimer frames = new FrameTimer();
        AnimationTimer scroller = new AnimationTimer() {
            int step;
            int firstRow = -1;

            @Override
            public void handle(long now) {
                if (firstRow < 0) {
                    firstRow = flow.getFirstVisibleCell() == null ? 0 : flow.getFirstVisibleCell().getIndex();
                }
                if (++step > SCROLL_FRAMES) {
                    stop();
                    frames.stop();
                    int row = flow.getFirstVisibleCell() == null ? 0 : flow.getFirstVisibleCell().getIndex();
                    done.complete(new ScrollFigures(frames.count, firstRow - row, frames.longest, frames.over50,
                            frames.longestFxCpu));
                    return;
                }
                // as the mouse wheel does: the chat stops following the end, the list scrolls
                Event.fireEvent(flow, new ScrollEvent(ScrollEvent.SCROLL, 200, 200, 200, 200, false, false, false,
                        false, false, false, 0, SCROLL_PIXELS, 0, SCROLL_PIXELS, ScrollEvent.HorizontalTextScrollUnits.NONE,
                        0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null));
            }
        };
        // let the finished reply settle (the chat may reload it) before scrolling
        PauseTransition settle = new PauseTransition(Duration.seconds(1));
        settle.setOnFinished(e -> {
            frames.start();
            scroller.start();
        });
        settle.play();
        return done;
    }

    private int[] countChatNodes() {
        Parent list = context.window().chatView().list();
        return new int[] {count(list), list.lookupAll(".message-cell").size()};
    }

    private static int count(Node node) {
        int n = 1;
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                n += count(child);
            }
        }
        return n;
    }

    private static long residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static <T> CompletableFuture<T> onFx(java.util.function.Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                work.get().whenComplete((v, e) -> {
                    if (e != null) {
                        result.completeExceptionally(e);
                    } else {
                        result.complete(v);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static <T> T await(CompletableFuture<T> future) throws UserFacingException {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new UserFacingException("The window benchmark stopped: a step took longer than " + WAIT_SECONDS
                    + " seconds. Run it again with --debug for details.", e);
        } catch (ExecutionException e) {
            throw new UserFacingException("The window benchmark failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("The window benchmark was interrupted.", e);
        }
    }
}
