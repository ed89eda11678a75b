/**
 * Sign-in and security: Spring Security for the APIs, the webapps and the desk, Keycloak (OIDC and tokens), the
 * engine's identity setup (groups, filters, authorizations).
 */
package kz.jospar.identity;
