package kz.jospar.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jospar ships its own copies of two of Camunda 7.24.0's MyBatis mapping files (a faster authorization
 * check in the task query, a faster read of the groups that have authorizations; see the JOSPAR
 * comments in them and docs/benchmarks.md). They shadow the engine's copies because Jospar's classes
 * come first on the classpath. This test fails when that stops being so, or when the engine's files
 * change (a Camunda upgrade): then the copies must be made again from the new files.
 */
class TaskQueryMappingTest {

  static final String DIR = "org/camunda/bpm/engine/impl/mapping/entity/";

  @Test
  void josparsCopiesComeFirstAndTheEnginesFilesAreThoseTheyWereMadeFrom() throws Exception {
    check("Task.xml", "616c3e9cdf4055cab8493558ece2d3bce0a3edb7bb9fe88570758b5103caf821");
    check("Authorization.xml", "4d73791119716f7ce1ca86e4344d285c51c09a17e75d5f1e93013a5c551ccf92");
  }

  private void check(String file, String engineSha256) throws Exception {
    List<URL> copies = new ArrayList<>(Collections.list(getClass().getClassLoader().getResources(DIR + file)));
    assertThat(copies).as("Jospar's copy and the engine's").hasSize(2);
    assertThat(copies.get(0).toString()).as("the copy that wins").doesNotContain("camunda-engine");
    assertThat(new String(read(copies.get(0)), java.nio.charset.StandardCharsets.UTF_8)).contains("JOSPAR:");
    assertThat(copies.get(1).toString()).contains("camunda-engine-7.24.0");
    assertThat(sha256(read(copies.get(1)))).as("Camunda's own " + file + " changed: make Jospar's copy again from it").isEqualTo(engineSha256);
  }

  private static byte[] read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
