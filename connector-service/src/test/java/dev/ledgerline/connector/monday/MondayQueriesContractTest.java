package dev.ledgerline.connector.monday;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The CRM simulator's monday.com account is tested with the GraphQL documents this connector sends, kept as a test
 * resource of the simulator (the simulator cannot depend on this service): they must stay the documents of
 * {@link MondayQueries}, or the simulator would be tested against queries nobody sends.
 */
class MondayQueriesContractTest {
    private static final Path SIMULATOR_COPY = Path.of("..", "crm-simulator", "src", "test", "resources", "monday",
            "connector-queries.json");

    @Test
    void theSimulatorIsTestedWithTheQueriesTheConnectorSends() throws IOException, IllegalAccessException {
        Map<String, String> sent = new TreeMap<>();
        for (Field field : MondayQueries.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class) {
                sent.put(field.getName(), (String) field.get(null));
            }
        }
        Map<String, String> copied = new TreeMap<>(new ObjectMapper().readValue(SIMULATOR_COPY.toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {
                }));
        assertThat(sent).as("every query MondayQueries sends").isNotEmpty();
        assertThat(copied).as("%s, to be regenerated from MondayQueries", SIMULATOR_COPY).isEqualTo(sent);
    }
}
