package io.toolsmith.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.toolsmith.util.UserFacingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file the user attaches, imports or inspects: the functions' links in the data folder are not followed (a link
 * to a host file would send that file to the model), the user's own links are, and no pipe is ever opened.
 */
class UserFilesTest {
    @TempDir
    Path home;
    private Path data;
    private Path outside;

    @BeforeEach
    void folders() throws Exception {
        data = Files.createDirectories(home.resolve("data"));
        outside = Files.createDirectories(home.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "host secret");
        // What a function can leave: a link to a host file with an inviting name, a pipe, a plain report.
        Python.run("import os, sys\nd = sys.argv[1]\nos.symlink(sys.argv[2], os.path.join(d, 'report.csv'))\n"
                + "os.mkfifo(os.path.join(d, 'pipe.txt'))\nopen(os.path.join(d, 'real.csv'), 'w').write('a,b')",
                data.toString(), outside.resolve("secret.txt").toString());
    }

    private static byte[] read(Path file, Path dataFolder) throws Exception {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return UserFiles.read(file, dataFolder, 1000, size -> "too large: " + size);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }).get(20, TimeUnit.SECONDS); // a pipe that was opened would wait here for ever
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void aFunctionsLinkInTheDataFolderIsNotFollowed() throws Exception {
        UserFacingException e = assertThrows(UserFacingException.class, () -> read(data.resolve("report.csv"), data));
        assertTrue(e.getMessage().contains("report.csv is a link") && !e.getMessage().contains("host secret"),
                e.getMessage());
        // Reached through a link of the user's that leads into the data folder, it is still the functions' file.
        Path mine = Files.createSymbolicLink(home.resolve("shortcut"), data);
        assertEquals(Optional.of("report.csv"), UserFiles.inDataFolder(mine.resolve("report.csv"), data));
        assertThrows(UserFacingException.class, () -> read(mine.resolve("report.csv"), data));
        assertEquals("a,b", new String(read(mine.resolve("real.csv"), data), StandardCharsets.UTF_8));
        // inspect read a pipe reached this way by path, and waited for ever
        assertTrue(assertThrows(UserFacingException.class, () -> read(mine.resolve("pipe.txt"), data)).getMessage()
                .endsWith("is a named pipe, which Toolsmith never opens."));
    }

    @Test
    void noPipeIsOpenedInsideTheDataFolderOrOutsideIt() throws Exception {
        UserFacingException inside = assertThrows(UserFacingException.class, () -> read(data.resolve("pipe.txt"), data));
        assertTrue(inside.getMessage().endsWith("is a named pipe, which Toolsmith never opens."), inside.getMessage());
        Python.run("import os, sys\nos.mkfifo(sys.argv[1])", outside.resolve("own-pipe").toString());
        UserFacingException own = assertThrows(UserFacingException.class, () -> read(outside.resolve("own-pipe"), data));
        assertTrue(own.getMessage().contains("own-pipe is not a regular file"), own.getMessage());
    }

    @Test
    void theUsersOwnFilesAndLinksAreReadAsGivenUpToTheLimit() throws Exception {
        Path link = Files.createSymbolicLink(home.resolve("my-link.txt"), outside.resolve("secret.txt"));
        assertEquals("host secret", new String(read(link, data), StandardCharsets.UTF_8));
        Files.write(outside.resolve("big.txt"), new byte[1001]);
        UserFacingException big = assertThrows(UserFacingException.class, () -> read(outside.resolve("big.txt"), data));
        assertEquals("too large: 1001", big.getMessage());
        UserFacingException refused = assertThrows(UserFacingException.class,
                () -> new DataImport(data, DataQuota.defaults()).copyIn(data.resolve("real.csv"), "real.csv"));
        assertTrue(refused.getMessage().contains("is in the data folder already"), refused.getMessage());
    }
}
