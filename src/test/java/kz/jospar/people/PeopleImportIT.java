package kz.jospar.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kz.jospar.support.EmbeddedPostgresSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code java -jar jospar.jar people import} on the plain postgres profile: the engine's own tables of a real PostgreSQL. */
class PeopleImportIT {

  static final String HEADER = "name,email,body,role,language\n";

  @TempDir
  Path dir;
  Map<String, String> env;
  JdbcTemplate jdbc;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void database() {
    String url = EmbeddedPostgresSupport.newDatabase("people");
    EmbeddedPostgresSupport.upgradeSchema(url);
    env = Map.of("SPRING_PROFILES_ACTIVE", "postgres", "JOSPAR_DB_URL", url, "JOSPAR_DB_USER", "postgres", "JOSPAR_DB_PASSWORD",
        "postgres");
    jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
  }

  @Test
  void aNewPersonGetsTheirBodyRoleAndLanguage() throws IOException {
    int exit = importList(HEADER + "Aigerim Nurlanova,aigerim.n@sim.gov.kz,sim,official,ru\n"
        + "\"Serik Bolatuly, head\",serik@akimat-abai.gov.kz,akimat-abai,supervisor,kk\n");

    assertThat(exit).isZero();
    assertThat(output()).contains("line 2: create aigerim.n@sim.gov.kz (Aigerim Nurlanova), body sim, role official, language ru")
        .contains("people import: 2 created, 0 updated, 0 disabled, 0 unchanged");
    assertThat(groups("aigerim.n@sim.gov.kz")).containsExactly("official", "sim");
    assertThat(groups("serik@akimat-abai.gov.kz")).containsExactly("akimat-abai", "akimat-abai-supervisors", "supervisor");
    assertThat(jdbc.queryForObject("select LAST_ from ACT_ID_USER where ID_ = 'aigerim.n@sim.gov.kz'", String.class))
        .isEqualTo("Nurlanova");
    assertThat(jdbc.queryForObject("select locale from jospar_user_setting where user_id = 'aigerim.n@sim.gov.kz'", String.class))
        .isEqualTo("ru");
  }

  @Test
  void aChangedBodyMovesThePersonAndARerunChangesNothing() throws IOException {
    importList(HEADER + "Aigerim Nurlanova,aigerim.n@sim.gov.kz,sim,official,ru\n");
    out.reset();

    int exit = importList(HEADER + "Aigerim Nurlanova,aigerim.n@sim.gov.kz,akimat-abai,official,ru\n");

    assertThat(exit).isZero();
    assertThat(output()).contains("line 2: update aigerim.n@sim.gov.kz: joins akimat-abai; leaves sim")
        .contains("0 created, 1 updated");
    assertThat(groups("aigerim.n@sim.gov.kz")).containsExactly("akimat-abai", "official");

    String before = snapshot();
    out.reset();
    importList(HEADER + "Aigerim Nurlanova,aigerim.n@sim.gov.kz,akimat-abai,official,ru\n");
    assertThat(output()).isEqualTo("people import: 0 created, 0 updated, 0 disabled, 1 unchanged\n");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void anUnknownBodyIsRefusedWithItsLineAndNothingChanges() throws IOException {
    int exit = importList(HEADER + "Aigerim Nurlanova,aigerim.n@sim.gov.kz,sim,official,ru\n"
        + "Dana Ospan,dana@example.kz,ministry-of-magic,official,kk\n"
        + "Erlan Ospan,erlan@example.kz,sim,boss,kk\n");

    assertThat(exit).isOne();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("people import: line 3: unknown body 'ministry-of-magic'; a body is a code of catalog/bodies.yaml")
        .contains("people import: line 4: unknown role 'boss'; one of official, supervisor, coordinator, auditor, camunda-admin")
        .contains("nothing changed");
    assertThat(jdbc.queryForObject("select count(*) from ACT_ID_USER", Integer.class)).isZero();
  }

  @Test
  void aDryRunSaysWhatItWouldDoAndChangesNothing() throws IOException {
    importList(HEADER + "Aigerim Nurlanova,aigerim.n@sim.gov.kz,sim,official,ru\n"
        + "Dana Ospan,dana@sim.gov.kz,sim,official,kk\n");
    String before = snapshot();
    out.reset();

    int exit = importList(HEADER + "Aigerim Nurlanova,aigerim.n@sim.gov.kz,sim,supervisor,kk\n"
        + "Erlan Ospan,erlan@sim.gov.kz,sim,official,kk\n", "--dry-run", "--disable-missing");

    assertThat(exit).isZero();
    assertThat(output()).contains("would line 2: update aigerim.n@sim.gov.kz: language ru → kk; joins sim-supervisors, supervisor; "
        + "leaves official")
        .contains("would line 3: create erlan@sim.gov.kz")
        .contains("would disable dana@sim.gov.kz (not on the list")
        .contains("1 created, 1 updated, 1 disabled, 0 unchanged (dry run: nothing was changed)");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void thoseWhoLeftAreDisabledNotDeletedAndComeBackWhenListedAgain() throws IOException {
    importList(HEADER + "Aigerim Nurlanova,aigerim.n@sim.gov.kz,sim,official,ru\nDana Ospan,dana@sim.gov.kz,sim,official,kk\n");

    importList(HEADER + "Aigerim Nurlanova,aigerim.n@sim.gov.kz,sim,official,ru\n", "--disable-missing");
    assertThat(jdbc.queryForObject("select LOCK_EXP_TIME_ from ACT_ID_USER where ID_ = 'dana@sim.gov.kz'", java.sql.Timestamp.class))
        .isEqualTo(EnginePeople.NEVER);
    assertThat(groups("dana@sim.gov.kz")).containsExactly("official", "sim");

    out.reset();
    importList(HEADER + "Dana Ospan,dana@sim.gov.kz,sim,official,kk\n");
    assertThat(output()).contains("update dana@sim.gov.kz: enabled again");
    assertThat(jdbc.queryForObject("select LOCK_EXP_TIME_ from ACT_ID_USER where ID_ = 'dana@sim.gov.kz'", java.sql.Timestamp.class))
        .isNull();
  }

  private int importList(String csv, String... flags) throws IOException {
    Path file = dir.resolve("people.csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    String[] args = new String[3 + flags.length];
    args[0] = "people";
    args[1] = "import";
    args[2] = file.toString();
    System.arraycopy(flags, 0, args, 3, flags.length);
    return PeopleCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private List<String> groups(String user) {
    return jdbc.queryForList("select GROUP_ID_ from ACT_ID_MEMBERSHIP where USER_ID_ = ? order by GROUP_ID_", String.class, user);
  }

  private String snapshot() {
    return jdbc.queryForList("select ID_, REV_, FIRST_, LAST_, EMAIL_, LOCK_EXP_TIME_ from ACT_ID_USER order by ID_").toString()
        + jdbc.queryForList("select * from ACT_ID_MEMBERSHIP order by USER_ID_, GROUP_ID_")
        + jdbc.queryForList("select user_id, locale, updated_at from jospar_user_setting order by user_id");
  }
}
