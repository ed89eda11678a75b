/**
 * The people of the bodies: the import of people from a file (engine identity or Keycloak) and their list.
 */
package kz.jospar.people;
