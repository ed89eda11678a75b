package kz.jospar.people;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Keycloak's people, through its admin REST API: the user name is the e-mail (Camunda's user id on
 * the keycloak profile), the language is Keycloak's {@code locale} attribute, bodies and roles are
 * the realm's top-level groups. Disabled is Keycloak's {@code enabled=false}.
 */
final class KeycloakPeople implements PeopleDirectory {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String admin;
  private final Supplier<String> token;
  private Map<String, String> groupIds;
  private final Map<String, String> userIds = new HashMap<>();

  /** {@code url} without /realms; {@code token} an access token allowed to manage the realm's users. */
  KeycloakPeople(String url, String realm, Supplier<String> token) {
    this.admin = url + "/admin/realms/" + realm;
    this.token = token;
  }

  /** A token of a confidential client with a service account (jospar-people in Jospar's realm). */
  static Supplier<String> clientCredentials(String url, String realm, String clientId, String secret) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String[] cached = new String[1];
    long[] until = new long[1];
    return () -> {
      // one token per minute, not one per request (a list of 150 people makes some 600)
      if (cached[0] != null && System.nanoTime() < until[0]) {
        return cached[0];
      }
      String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
          + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
      HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/realms/" + realm + "/protocol/openid-connect/token"))
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("Keycloak refused the client " + clientId + " (HTTP " + response.statusCode()
              + "); check JOSPAR_PEOPLE_CLIENT_SECRET");
        }
        cached[0] = JSON.readTree(response.body()).get("access_token").asText();
        until[0] = System.nanoTime() + Duration.ofSeconds(50).toNanos();
        return cached[0];
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reach Keycloak at " + url + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    };
  }

  /**
   * The members of the managed groups, one paged call per group, and the listed people who are in none of them, one
   * call each: a few dozen requests for a ministry's list, not one per user of the realm.
   */
  @Override
  public Map<String, Entry> read(Set<String> ids, Set<String> managedGroups) {
    Map<String, JsonNode> users = new HashMap<>();
    Map<String, Set<String>> groupsOf = new HashMap<>();
    for (String group : managedGroups) {
      if (groupId(group, false) == null) {
        continue; // not in the realm yet: nobody is in it (joining it later names the missing group)
      }
      for (int first = 0; ; first += 500) {
        JsonNode page = send("GET", "/groups/" + groupId(group) + "/members?briefRepresentation=false&first=" + first + "&max=500", null);
        for (JsonNode user : page) {
          String username = user.path("username").asText();
          users.putIfAbsent(username, user);
          groupsOf.computeIfAbsent(username, k -> new HashSet<>()).add(group);
        }
        if (page.size() < 500) {
          break;
        }
      }
    }
    for (String id : ids) {
      if (!users.containsKey(id)) {
        String query = "/users?briefRepresentation=false&exact=true&username=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        JsonNode found = send("GET", query, null);
        if (!found.isEmpty()) {
          users.put(id, found.get(0));
        }
      }
    }
    Map<String, Entry> entries = new HashMap<>();
    users.forEach((username, user) -> {
      userIds.put(username, user.path("id").asText());
      String name = (user.path("firstName").asText("") + " " + user.path("lastName").asText("")).trim();
      JsonNode locale = user.path("attributes").path("locale");
      entries.put(username, new Entry(username, name, user.path("email").asText(null),
          locale.isArray() && !locale.isEmpty() ? locale.get(0).asText() : null, user.path("enabled").asBoolean(true),
          groupsOf.getOrDefault(username, new HashSet<>())));
    });
    return entries;
  }

  @Override
  public void create(PeopleList.Person person) {
    ObjectNode user = JSON.createObjectNode();
    user.put("username", person.id());
    user.put("enabled", true);
    user.put("emailVerified", true);
    fields(user, person);
    send("POST", "/users", user);
    JsonNode found = send("GET", "/users?exact=true&username=" + URLEncoder.encode(person.id(), StandardCharsets.UTF_8), null);
    userIds.put(person.id(), found.get(0).path("id").asText());
  }

  @Override
  public void update(PeopleList.Person person) {
    ObjectNode user = (ObjectNode) send("GET", "/users/" + userId(person.id()), null);
    fields(user, person);
    send("PUT", "/users/" + userId(person.id()), user);
  }

  private static void fields(ObjectNode user, PeopleList.Person person) {
    user.put("email", person.email());
    user.put("firstName", person.firstName());
    user.put("lastName", person.lastName());
    ObjectNode attributes = user.has("attributes") && user.get("attributes").isObject() ? (ObjectNode) user.get("attributes")
        : user.putObject("attributes");
    attributes.putArray("locale").add(person.language());
  }

  @Override
  public void setEnabled(String id, boolean enabled) {
    ObjectNode user = (ObjectNode) send("GET", "/users/" + userId(id), null);
    user.put("enabled", enabled);
    send("PUT", "/users/" + userId(id), user);
  }

  @Override
  public void join(String id, String group) {
    send("PUT", "/users/" + userId(id) + "/groups/" + groupId(group), null);
  }

  @Override
  public void leave(String id, String group) {
    send("DELETE", "/users/" + userId(id) + "/groups/" + groupId(group), null);
  }

  private String userId(String username) {
    String id = userIds.get(username);
    if (id == null) {
      throw new IllegalStateException("Keycloak has no user " + username);
    }
    return id;
  }

  private String groupId(String name) {
    return groupId(name, true);
  }

  private String groupId(String name, boolean required) {
    if (groupIds == null) {
      groupIds = new HashMap<>();
      for (JsonNode group : send("GET", "/groups?briefRepresentation=true&max=10000", null)) {
        groupIds.put(group.path("name").asText(), group.path("id").asText());
      }
    }
    String id = groupIds.get(name);
    if (id == null && required) {
      throw new IllegalStateException("the realm has no group " + name + "; import the realm generated from this catalog "
          + "(keycloak/jospar-realm.json) or add the group in the admin console");
    }
    return id;
  }

  private JsonNode send(String method, String path, JsonNode body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("Keycloak answered " + response.statusCode() + " to " + method + " " + path + ": "
            + response.body());
      }
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach Keycloak at " + admin + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
