package io.clientbase.access;

public enum UserStatus { ACTIVE, BLOCKED, IP_RESTRICTED }
