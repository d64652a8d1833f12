package io.toolsmith.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.app.Engine;
import io.toolsmith.settings.Home;
import io.toolsmith.util.Json;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home's executor: one holder at a time, a socket only the user can open, and nothing left when it closes. */
class ExecutorLockTest {
    @TempDir
    Path root;

    @Test
    void theHolderListensOnASocketOnlyTheUserCanOpenAndAnswersARefusal() throws Exception {
        Home home = McpHome.prepare(root);
        try (Engine engine = Engine.open(home, null)) {
            Optional<ExecutorLock> lock = ExecutorLock.tryTake(home);
            assertTrue(lock.isPresent());
            try (ExecutorLock held = lock.get()) {
                assertTrue(ExecutorLock.tryTake(home).isEmpty(), "a second holder");
                held.serve(new LocalCalls(engine, AskPolicyConfirmation.HEADLESS));
                Path socket = ExecutorLock.socketPath(home);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));

                SocketCalls calls = new SocketCalls(socket);
                try (SocketChannel channel = calls.connect()) {
                    CallReply reply = calls.call(channel, "probe", "greet", Json.MAPPER.createObjectNode().put("name", "x"));
                    assertFalse(reply.ok());
                    assertEquals("NotApprovedError", reply.errorName());
                    assertTrue(reply.message().contains("greet has not been approved"), reply.message());
                }
            }
            assertFalse(Files.exists(ExecutorLock.socketPath(home)), "the socket is removed on close");
            Optional<ExecutorLock> again = ExecutorLock.tryTake(home);
            assertTrue(again.isPresent(), "the lock is free once its holder closed it");
            again.get().close();
        }
    }
}
