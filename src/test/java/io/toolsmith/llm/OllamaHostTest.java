package io.toolsmith.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OLLAMA_HOST is read the way Ollama's own client reads it (envconfig.Host, TestHost). */
class OllamaHostTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "NULL                         | http://127.0.0.1:11434",
            "''                           | http://127.0.0.1:11434",
            "'   '                        | http://127.0.0.1:11434",
            "1.2.3.4                      | http://1.2.3.4:11434",
            "'  \"1.2.3.4\"  '            | http://1.2.3.4:11434",
            "'''1.2.3.4'''                | http://1.2.3.4:11434",
            ":1234                        | http://127.0.0.1:1234",
            "1.2.3.4:1234                 | http://1.2.3.4:1234",
            "example.com                  | http://example.com:11434",
            "example.com:1234             | http://example.com:1234",
            "0.0.0.0                      | http://127.0.0.1:11434",
            "0.0.0.0:8080                 | http://127.0.0.1:8080",
            "::1                          | http://[::1]:11434",
            "[::1]                        | http://[::1]:11434",
            "[::1]:1234                   | http://[::1]:1234",
            "[::]                         | http://[::1]:11434",
            "http://1.2.3.4               | http://1.2.3.4:80",
            "https://1.2.3.4              | https://1.2.3.4:443",
            "http://1.2.3.4:1234          | http://1.2.3.4:1234",
            "https://example.com/ollama   | https://example.com:443/ollama",
            "https://example.com/ollama/  | https://example.com:443/ollama",
            "ollama.com                   | https://ollama.com:443",
            "example.com:66000            | http://example.com:11434",
            "https://example.com:66000    | https://example.com:443",
    })
    void resolvesLikeOllama(String env, String expected) {
        assertEquals(expected, OllamaHost.resolve(null, env));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "localhost:9999  | 1.2.3.4     | http://localhost:9999",
            "''              | 1.2.3.4     | http://1.2.3.4:11434",
            "NULL            | NULL        | http://127.0.0.1:11434",
    })
    void optionWinsOverEnvironment(String option, String env, String expected) {
        assertEquals(expected, OllamaHost.resolve(option, env));
    }
}
