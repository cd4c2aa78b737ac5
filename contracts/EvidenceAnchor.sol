// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title EvidenceAnchor
/// @notice Records the Merkle root of each sealed evidence batch, once, with the block that holds it.
/// A root proves the existence of every leaf in its batch at `blockTime`; anyone can read it, only
/// members of the consortium may write it, and a strict majority of the members decides who is one.
/// Each member's anchors form a hash chain: every anchor names the member's previous root, so a
/// member cannot later insert, drop or reorder a batch of its own history without the break showing.
contract EvidenceAnchor {
    struct Anchor {
        uint64 blockNumber;
        uint64 blockTime;
        uint64 firstSequence;
        uint64 leafCount;
        address submitter;
        bytes32 previousRoot;
    }

    struct Proposal {
        address account;
        bool add;
        bool executed;
        address proposer;
        address[] approvers;
    }

    uint256 public anchorCount;
    uint256 public memberCount;
    uint256 public proposalCount;

    /// @notice The last root each member anchored; bytes32(0) before its first anchor.
    mapping(address => bytes32) public lastRootOf;

    mapping(bytes32 => Anchor) private anchors;
    mapping(address => bool) private members;
    mapping(uint256 => Proposal) private proposals;
    mapping(uint256 => mapping(address => bool)) private approvedBy;

    event RootAnchored(
        bytes32 indexed root,
        address indexed submitter,
        bytes32 previousRoot,
        uint64 firstSequence,
        uint64 leafCount,
        uint64 blockTime,
        bytes32 auditHead
    );
    event MembershipProposed(uint256 indexed id, address indexed account, bool add, address indexed proposer);
    event MembershipApproved(uint256 indexed id, address indexed approver);
    event MemberAdded(address indexed account);
    event MemberRemoved(address indexed account);

    error RootAlreadyAnchored(bytes32 root);
    error ChainBreak(address member, bytes32 expected, bytes32 given);
    error NotMember(address account);
    error EmptyRoot();
    error EmptyBatch();
    error AlreadyApproved(uint256 id, address member);
    error ProposalNotFound(uint256 id);
    error ProposalAlreadyExecuted(uint256 id);
    error LastMember();
    error NothingToChange(address account, bool add);
    error ZeroAddress();

    /// @param initialMembers The founding members; empty makes the deployer the only member.
    constructor(address[] memory initialMembers) {
        if (initialMembers.length == 0) {
            _addMember(msg.sender);
        } else {
            for (uint256 i = 0; i < initialMembers.length; i++) {
                address account = initialMembers[i];
                if (account == address(0)) revert ZeroAddress();
                if (members[account]) revert NothingToChange(account, true);
                _addMember(account);
            }
        }
    }

    modifier onlyMember() {
        if (!members[msg.sender]) revert NotMember(msg.sender);
        _;
    }

    /// @notice Anchors `root`, the Merkle root over leaves firstSequence .. firstSequence+leafCount-1,
    /// as the sender's next link after `previousRoot`, together with `auditHead`, the hash of the
    /// member's latest audit log entry when the batch was sealed (zero when its log is empty).
    /// @dev A root is written once: re-anchoring would move its timestamp and weaken every proof. The
    /// duplicate check comes before the chain check, so resending an anchored root says so.
    /// `auditHead` is only emitted, not stored: the event log is as immutable as storage, and a fresh
    /// storage slot would add about a fifth to the cost of every anchor.
    function anchor(bytes32 root, bytes32 previousRoot, uint64 firstSequence, uint64 leafCount, bytes32 auditHead)
        external
        onlyMember
    {
        if (root == bytes32(0)) revert EmptyRoot();
        if (leafCount == 0) revert EmptyBatch();
        if (anchors[root].blockNumber != 0) revert RootAlreadyAnchored(root);
        bytes32 expected = lastRootOf[msg.sender];
        if (previousRoot != expected) revert ChainBreak(msg.sender, expected, previousRoot);

        // block.timestamp is stored as the chain reports it (some chains report milliseconds).
        uint64 blockTime = uint64(block.timestamp);
        anchors[root] = Anchor({
            blockNumber: uint64(block.number),
            blockTime: blockTime,
            firstSequence: firstSequence,
            leafCount: leafCount,
            submitter: msg.sender,
            previousRoot: previousRoot
        });
        lastRootOf[msg.sender] = root;
        anchorCount += 1;
        emit RootAnchored(root, msg.sender, previousRoot, firstSequence, leafCount, blockTime, auditHead);
    }

    /// @notice All fields are zero when `root` was never anchored.
    function getAnchor(bytes32 root)
        external
        view
        returns (
            uint64 blockNumber,
            uint64 blockTime,
            uint64 firstSequence,
            uint64 leafCount,
            address submitter,
            bytes32 previousRoot
        )
    {
        Anchor storage a = anchors[root];
        return (a.blockNumber, a.blockTime, a.firstSequence, a.leafCount, a.submitter, a.previousRoot);
    }

    function isMember(address account) external view returns (bool) {
        return members[account];
    }

    /// @notice Approvals a membership change needs: a strict majority of the current members.
    function threshold() public view returns (uint256) {
        return memberCount / 2 + 1;
    }

    /// @notice Proposes adding (`add`) or removing `account`; the proposal carries the proposer's
    /// approval, so with one member it executes at once.
    function proposeMembership(address account, bool add) external onlyMember returns (uint256 proposalId) {
        if (account == address(0)) revert ZeroAddress();
        _requireChange(account, add);
        proposalId = ++proposalCount;
        Proposal storage proposal = proposals[proposalId];
        proposal.account = account;
        proposal.add = add;
        proposal.proposer = msg.sender;
        emit MembershipProposed(proposalId, account, add, msg.sender);
        _approve(proposalId, proposal);
    }

    /// @notice Adds the sender's approval; the change executes once approvals reach threshold().
    function approveMembership(uint256 proposalId) external onlyMember {
        if (proposalId == 0 || proposalId > proposalCount) revert ProposalNotFound(proposalId);
        Proposal storage proposal = proposals[proposalId];
        if (proposal.executed) revert ProposalAlreadyExecuted(proposalId);
        if (approvedBy[proposalId][msg.sender]) revert AlreadyApproved(proposalId, msg.sender);
        _approve(proposalId, proposal);
    }

    /// @notice A proposal as it stands; `approvals` counts only approvers who are still members.
    function getProposal(uint256 proposalId)
        external
        view
        returns (address account, bool add, address proposer, uint256 approvals, bool executed)
    {
        if (proposalId == 0 || proposalId > proposalCount) revert ProposalNotFound(proposalId);
        Proposal storage proposal = proposals[proposalId];
        return (proposal.account, proposal.add, proposal.proposer, _currentApprovals(proposal), proposal.executed);
    }

    function hasApproved(uint256 proposalId, address member) external view returns (bool) {
        return approvedBy[proposalId][member];
    }

    function _approve(uint256 proposalId, Proposal storage proposal) private {
        approvedBy[proposalId][msg.sender] = true;
        proposal.approvers.push(msg.sender);
        emit MembershipApproved(proposalId, msg.sender);
        if (_currentApprovals(proposal) < threshold()) return;

        // Other proposals may have changed the member list since this one was made.
        _requireChange(proposal.account, proposal.add);
        proposal.executed = true;
        if (proposal.add) {
            _addMember(proposal.account);
        } else {
            members[proposal.account] = false;
            memberCount -= 1;
            emit MemberRemoved(proposal.account);
        }
    }

    // A member removed after approving no longer counts towards the majority of those who remain.
    function _currentApprovals(Proposal storage proposal) private view returns (uint256 count) {
        for (uint256 i = 0; i < proposal.approvers.length; i++) {
            if (members[proposal.approvers[i]]) count += 1;
        }
    }

    function _requireChange(address account, bool add) private view {
        if (members[account] == add) revert NothingToChange(account, add);
        if (!add && memberCount == 1) revert LastMember();
    }

    function _addMember(address account) private {
        members[account] = true;
        memberCount += 1;
        emit MemberAdded(account);
    }
}
