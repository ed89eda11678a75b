package kz.jospar.support;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * The steps of one story as one test: a {@code @TestFactory} returns them in order as dynamic tests, each reported by
 * its name. Tests run in a random order (junit-platform.properties), so steps that go on from where the one before left
 * the data are steps of one test, never tests that count on their order.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> onePeriodFromOpeningToAcceptance() {
 *   return Steps.inOrder(this::clock, this::resetClock, step("the coordinator opens it", this::opens), ...);
 * }
 * }</pre>
 */
public final class Steps {

  /** A named step. */
  public record Step(String name, Executable body) {}

  private Steps() {}

  public static Step step(String name, Executable body) {
    return new Step(name, body);
  }

  /**
   * The steps in order, each between {@code before} and {@code after}: what JUnit does around each test
   * ({@code @BeforeEach}, {@code @AfterEach}) it does only once around a whole factory.
   */
  public static Stream<DynamicTest> inOrder(Runnable before, Runnable after, Step... steps) {
    return Arrays.stream(steps).map(s -> DynamicTest.dynamicTest(s.name(), () -> {
      before.run();
      try {
        s.body().execute();
      } finally {
        after.run();
      }
    }));
  }

  /** The steps in order, with nothing around them. */
  public static Stream<DynamicTest> inOrder(Step... steps) {
    return inOrder(() -> { }, () -> { }, steps);
  }
}
