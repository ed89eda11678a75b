/**
 * Who is asking and the role groups: {@link kz.jospar.access.Caller} (however a person signed in) and
 * {@link kz.jospar.access.Roles}, and how a person is named to others ({@link kz.jospar.access.PersonNames}). Depends on
 * no other Jospar package.
 */
package kz.jospar.access;
