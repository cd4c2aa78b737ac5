// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title EvidenceAnchor
/// @notice Records the Merkle root of each sealed evidence batch, once, with the block that holds it.
/// A root proves the existence of every leaf in its batch at `blockTime`; anyone can read it, only
/// members of the consortium may write it. M-of-N governance of the member list comes later; for
/// now the deployer administers it alone.
contract EvidenceAnchor {
    struct Anchor {
        uint64 blockNumber;
        uint64 blockTime;
        uint64 firstSequence;
        uint64 leafCount;
        address submitter;
    }

    address public immutable admin;
    uint256 public anchorCount;

    mapping(bytes32 => Anchor) private anchors;
    mapping(address => bool) private members;

    event RootAnchored(
        bytes32 indexed root,
        address indexed submitter,
        uint64 firstSequence,
        uint64 leafCount,
        uint64 blockTime
    );
    event MemberAdded(address indexed account);
    event MemberRemoved(address indexed account);

    error RootAlreadyAnchored(bytes32 root);
    error NotMember(address account);
    error NotAdmin(address account);
    error EmptyRoot();
    error EmptyBatch();

    constructor() {
        admin = msg.sender;
        members[msg.sender] = true;
        emit MemberAdded(msg.sender);
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert NotAdmin(msg.sender);
        _;
    }

    /// @notice Anchors `root`, the Merkle root over leaves firstSequence .. firstSequence+leafCount-1.
    /// @dev A root is written once: re-anchoring would move its timestamp and weaken every proof.
    function anchor(bytes32 root, uint64 firstSequence, uint64 leafCount) external {
        if (!members[msg.sender]) revert NotMember(msg.sender);
        if (root == bytes32(0)) revert EmptyRoot();
        if (leafCount == 0) revert EmptyBatch();
        if (anchors[root].blockNumber != 0) revert RootAlreadyAnchored(root);

        // block.timestamp is stored as the chain reports it (some chains report milliseconds).
        uint64 blockTime = uint64(block.timestamp);
        anchors[root] = Anchor({
            blockNumber: uint64(block.number),
            blockTime: blockTime,
            firstSequence: firstSequence,
            leafCount: leafCount,
            submitter: msg.sender
        });
        anchorCount += 1;
        emit RootAnchored(root, msg.sender, firstSequence, leafCount, blockTime);
    }

    /// @notice All fields are zero when `root` was never anchored.
    function getAnchor(bytes32 root)
        external
        view
        returns (uint64 blockNumber, uint64 blockTime, uint64 firstSequence, uint64 leafCount, address submitter)
    {
        Anchor storage a = anchors[root];
        return (a.blockNumber, a.blockTime, a.firstSequence, a.leafCount, a.submitter);
    }

    function isMember(address account) external view returns (bool) {
        return members[account];
    }

    function addMember(address account) external onlyAdmin {
        if (members[account]) return;
        members[account] = true;
        emit MemberAdded(account);
    }

    function removeMember(address account) external onlyAdmin {
        if (!members[account]) return;
        members[account] = false;
        emit MemberRemoved(account);
    }
}
