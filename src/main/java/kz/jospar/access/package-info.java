/**
 * Who is asking and the role groups: {@link kz.jospar.access.Caller} (however a person signed in) and
 * {@link kz.jospar.access.Roles}. Depends on no other Jospar package.
 */
package kz.jospar.access;
