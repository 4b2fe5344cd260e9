package newsgraph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Runs Neo4j Community through the official embedded API until the process is told to stop.
 *
 * Arguments: home folder, neo4j.conf written by graph/local_server.py, password file.
 * Prints "NEWSGRAPH READY" once the DBMS is up; SIGTERM shuts it down cleanly.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: Launcher HOME_DIR CONFIG_FILE PASSWORD_FILE");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        Path config = Path.of(args[1]);
        String password = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).strip();

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .loadPropertiesFromFile(config)
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("NEWSGRAPH STOPPING");
            System.out.flush();
            dbms.shutdown();
            stopped.countDown();
        }, "newsgraph-shutdown"));

        setPasswordIfRequired(dbms.database("system"), password);
        System.out.println("NEWSGRAPH READY");
        System.out.flush();
        stopped.await();
    }

    /** The default user must change its password on first login; set ours instead, once. */
    private static void setPasswordIfRequired(GraphDatabaseService system, String password) {
        boolean required;
        try (Transaction tx = system.beginTx();
             Result result = tx.execute("SHOW USERS YIELD user, passwordChangeRequired "
                     + "WHERE user = 'neo4j' RETURN passwordChangeRequired")) {
            List<Map<String, Object>> rows = result.stream().toList();
            required = rows.isEmpty() || Boolean.TRUE.equals(rows.get(0).get("passwordChangeRequired"));
        }
        if (required) {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        }
    }
}
