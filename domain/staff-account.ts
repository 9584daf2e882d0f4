// How a staff account is stored without a local password (single sign-on only): a value no
// password hash verifies against. Written by the seed (first administrator) and the setup API.
export const NO_PASSWORD = '!';
