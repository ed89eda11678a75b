package kz.jospar.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.mock;

import jakarta.servlet.RequestDispatcher;
import java.util.Map;
import kz.jospar.language.Languages;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** Spring Boot's /error body as Jospar shapes it: no exception text, a sentence and an error number for a 5xx. */
class JosparErrorAttributesTest {

  @Test
  void a500ShowsASentenceInTheCallersLanguageAndAnIdButNotTheException() {
    // given a request that failed with an exception whose text names Java classes
    // (no one signed in: the language is the request's Accept-Language)
    Languages languages = mock(Languages.class, CALLS_REAL_METHODS);
    MockHttpServletRequest http = new MockHttpServletRequest("GET", "/error");
    http.addHeader("Accept-Language", "ru");
    http.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
    http.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, "/api/plan/status");
    http.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("java.lang.NumberFormatException: secret"));

    // when /error asks for the body, even with every option on
    Map<String, Object> body = new JosparErrorAttributes(languages).getErrorAttributes(new ServletWebRequest(http),
        ErrorAttributeOptions.of(ErrorAttributeOptions.Include.values()));

    // then it has the status, a Russian sentence with an id, and nothing of the exception
    assertThat(body).containsEntry("status", 500).containsKey("id").doesNotContainKeys("exception", "trace");
    assertThat((String) body.get("message")).startsWith("На стороне Jospar произошла ошибка").contains((String) body.get("id"));
    assertThat(body.toString()).doesNotContain("secret", "java.lang", "IllegalStateException");
  }

  @Test
  void a4xxShowsNoExceptionText() {
    // given a 404 with an exception message
    MockHttpServletRequest http = new MockHttpServletRequest("GET", "/error");
    http.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 404);
    http.setAttribute(RequestDispatcher.ERROR_MESSAGE, "No static resource org.springframework.Whatever");

    // when /error asks for the body with the message
    Map<String, Object> body = new JosparErrorAttributes(mock(Languages.class)).getErrorAttributes(new ServletWebRequest(http),
        ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE, ErrorAttributeOptions.Include.STATUS));

    // then no message and no id
    assertThat(body).containsEntry("status", 404).doesNotContainKeys("message", "id");
  }
}
