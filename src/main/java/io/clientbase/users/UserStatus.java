package io.clientbase.users;

public enum UserStatus { ACTIVE, BLOCKED, IP_RESTRICTED }
