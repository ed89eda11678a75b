-- A person's own choices: the language Jospar speaks to them (pages, webapps, e-mails, API errors)
-- and how they want their e-mail. Keyed by the engine's (or Keycloak's) user id; no row means the
-- defaults: the browser's language on pages, Kazakh in e-mails, one e-mail per event.
CREATE TABLE jospar_user_setting (
  user_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
  locale     VARCHAR(8),               -- kk, ru, en; null: not chosen yet
  mail_mode  VARCHAR(16)  NOT NULL,    -- each, digest, off
  updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
