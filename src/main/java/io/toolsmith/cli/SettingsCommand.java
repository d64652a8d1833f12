package io.toolsmith.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.toolsmith.settings.ApiKeyStore;
import io.toolsmith.settings.Home;
import io.toolsmith.settings.Settings;
import io.toolsmith.settings.SettingsStore;
import io.toolsmith.util.Json;
import io.toolsmith.util.UserFacingException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code toolsmith settings [show | set KEY VALUE | api-key]}: the same settings the window's dialog edits. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Show or change settings (settings.json in the home folder).",
        subcommands = {SettingsCommand.Set.class, SettingsCommand.ApiKey.class})
public final class SettingsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static Home home(CommandLine.Model.CommandSpec spec) {
        return ((ToolsmithCommand) spec.root().userObject()).home();
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = new SettingsStore(home(spec).settingsFile()).current();
        spec.commandLine().getOut().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(settings));
        return 0;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set one setting, e.g. `settings set stepLimit 12` or `settings set backend openai`.")
    static final class Set implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE", description = "A number, true/false, null, or text.")
        String value;

        @Override
        public Integer call() throws Exception {
            SettingsStore store = new SettingsStore(home(spec).settingsFile());
            ObjectNode tree = Json.MAPPER.valueToTree(store.current());
            if (!tree.has(key) && !knownField(key)) {
                throw new UserFacingException("There is no setting named " + key + ". `toolsmith settings` lists them all.");
            }
            tree.set(key, parse(value));
            Settings updated;
            try {
                // Strict here, unlike reading the file: a value typed now that no version knows is refused, not defaulted.
                updated = Json.MAPPER.treeToValue(tree, Settings.class);
            } catch (JsonProcessingException e) {
                throw new UserFacingException("\"" + value + "\" is not a valid value for " + key + ".");
            }
            Settings saved = store.save(updated);
            spec.commandLine().getOut().println(key + " = " + Json.MAPPER.valueToTree(saved).get(key));
            return 0;
        }

        private static boolean knownField(String name) {
            try {
                return !java.lang.reflect.Modifier.isStatic(Settings.class.getDeclaredField(name).getModifiers());
            } catch (NoSuchFieldException e) {
                return false;
            }
        }

        private static JsonNode parse(String text) {
            try {
                JsonNode node = Json.MAPPER.readTree(text);
                return node == null || node.isMissingNode() ? TextNode.valueOf(text) : node;
            } catch (JsonProcessingException notJson) {
                return TextNode.valueOf(text);
            }
        }
    }

    @Command(name = "api-key", mixinStandardHelpOptions = true,
            description = "Store the API key of an OpenAI-compatible server, read from stdin (kept out of settings.json).")
    static final class ApiKey implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--clear", description = "Forget the stored key.")
        boolean clear;

        @Override
        public Integer call() throws Exception {
            ApiKeyStore keys = new ApiKeyStore(home(spec));
            if (clear) {
                keys.clear();
                spec.commandLine().getOut().println("The API key was removed.");
                return 0;
            }
            String key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (key == null || key.isBlank()) {
                throw new UserFacingException("No key was given. Pipe it in, e.g. `echo \"$KEY\" | toolsmith settings api-key`.");
            }
            keys.save(key);
            spec.commandLine().getOut().println("The API key was stored in " + keys.location() + ".");
            return 0;
        }
    }
}
