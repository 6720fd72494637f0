package io.clientbase.access;

public enum UserType { ADMIN, ADMINISTRATION, EMPLOYEE }
