package io.clientbase.users;

public enum UserType { ADMIN, ADMINISTRATION, EMPLOYEE }
