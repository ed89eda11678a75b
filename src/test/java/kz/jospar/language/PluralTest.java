package kz.jospar.language;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The plural form a count takes in each of the desk's languages. */
class PluralTest {

  @Test
  void russianHasThreeFormsByTheLastTwoDigits() {
    Locale ru = Locale.forLanguageTag("ru");
    assertThat(Plural.of(1, ru)).isEqualTo("one");
    assertThat(Plural.of(21, ru)).isEqualTo("one");
    assertThat(Plural.of(11, ru)).isEqualTo("many");
    assertThat(Plural.of(2, ru)).isEqualTo("few");
    assertThat(Plural.of(4, ru)).isEqualTo("few");
    assertThat(Plural.of(12, ru)).isEqualTo("many");
    assertThat(Plural.of(14, ru)).isEqualTo("many");
    assertThat(Plural.of(22, ru)).isEqualTo("few");
    assertThat(Plural.of(5, ru)).isEqualTo("many");
    assertThat(Plural.of(0, ru)).isEqualTo("many");
  }

  @Test
  void englishHasTwoAndKazakhOne() {
    assertThat(Plural.of(1, Locale.ENGLISH)).isEqualTo("one");
    assertThat(Plural.of(3, Locale.ENGLISH)).isEqualTo("many");
    assertThat(Plural.of(1, Locale.forLanguageTag("kk"))).isEqualTo("many");
  }
}
